"""QR tokens: 13 Crockford base32 characters (65 bits), no I, L, O, U."""

import io
import secrets

import qrcode
from qrcode.image.pil import PilImage

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
TOKEN_LENGTH = 13  # 13 × 5 = 65 bits
SHORT_LENGTH = 6
_NORMALISE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_token() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(TOKEN_LENGTH))


def new_short_code(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(SHORT_LENGTH))
    return f"{prefix}-{body}"


def normalise(code: str) -> str:
    """Upper case, ambiguous letters mapped as Crockford does, spaces removed."""
    return code.strip().upper().replace(" ", "").translate(_NORMALISE)


def qr_image(data: str, box_size: int = 10):
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size,
                       border=2)
    qr.add_data(data)
    qr.make(fit=True)
    return qr.make_image(image_factory=PilImage).get_image()


def qr_png(data: str, box_size: int = 10) -> bytes:
    buffer = io.BytesIO()
    qr_image(data, box_size).save(buffer, format="PNG")
    return buffer.getvalue()


def matrix(data: str) -> list[list[bool]]:
    """QR modules without the quiet zone; mask fixed (any mask is valid; 6x faster)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0,
                         mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()
