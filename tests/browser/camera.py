"""A QR code as Chromium's fake camera: a YUV4MPEG2 (C420) file from a QR image."""

from pathlib import Path

import qrcode
from PIL import Image


def qr_y4m(data: str, path: Path, width: int = 640, height: int = 480, frames: int = 10) -> Path:
    code = qrcode.make(data, box_size=8, border=4).get_image().convert("L")
    side = min(width, height) - 40
    code = code.resize((side, side), Image.NEAREST)
    frame = Image.new("L", (width, height), 255)
    frame.paste(code, ((width - side) // 2, (height - side) // 2))
    ycbcr = frame.convert("RGB").convert("YCbCr")
    y, cb, cr = ycbcr.split()
    half = (width // 2, height // 2)
    payload = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + payload)
    return path
