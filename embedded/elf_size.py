#!/usr/bin/env python3
"""Flash bytes of a 32-bit little-endian ELF: text + rodata + data, read from its section
headers (what `size` reports, without needing an ARM binutils).

    elf_size.py FIRMWARE.elf   ->   prints "text rodata data flash"
"""
import struct
import sys

SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 0x1, 0x2, 0x4
SHT_NOBITS = 8


def flash_sizes(path):
    with open(path, "rb") as elf:
        image = elf.read()
    if image[:4] != b"\x7fELF" or image[4] != 1 or image[5] != 1:
        raise SystemExit(f"{path}: not a 32-bit little-endian ELF")
    section_offset, = struct.unpack_from("<I", image, 0x20)
    entry_size, count = struct.unpack_from("<HH", image, 0x2E)
    text = rodata = data = 0
    for index in range(count):
        _, kind, flags, _, _, size, *_ = struct.unpack_from(
            "<IIIIIIIIII", image, section_offset + index * entry_size
        )
        if not flags & SHF_ALLOC or kind == SHT_NOBITS:
            continue
        if flags & SHF_EXECINSTR:
            text += size
        elif flags & SHF_WRITE:
            data += size
        else:
            rodata += size
    return text, rodata, data


if __name__ == "__main__":
    text, rodata, data = flash_sizes(sys.argv[1])
    print(text, rodata, data, text + rodata + data)
