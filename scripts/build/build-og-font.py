"""Builds assets/fonts/og-sans-sc-bold.otf, the font of the social cards.

A subset of Debian's Noto Sans CJK SC Bold (SIL Open Font License) with every GB2312 character,
ASCII and Chinese punctuation, so the cards need no download and the repo no 20 MB font.
Run with Debian's python3-fonttools: /usr/bin/python3 scripts/build/build-og-font.py
"""
import sys
from fontTools.ttLib import TTCollection
from fontTools import subset

SOURCE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'
TARGET = 'assets/fonts/og-sans-sc-bold.otf'

chars = {chr(c) for c in range(0x20, 0x7F)}
for high in range(0xA1, 0xF8):
    for low in range(0xA1, 0xFF):
        try:
            chars.add(bytes([high, low]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
chars.update('“”‘’—…·、。，：；！？（）《》【】「」『』〈〉％＋－＝～')

collection = TTCollection(SOURCE)
index = next(
    i for i, font in enumerate(collection.fonts)
    if 'SC' in font['name'].getDebugName(1)
)
options = subset.Options()
options.layout_features = ['kern', 'palt', 'vert']
options.name_IDs = ['*']
options.notdef_outline = True
options.font_number = index
font = subset.load_font(SOURCE, options)
subsetter = subset.Subsetter(options)
subsetter.populate(text=''.join(sorted(chars)))
subsetter.subset(font)
font.save(TARGET)
print(f'{TARGET}: {len(chars)} characters from font #{index}', file=sys.stderr)
