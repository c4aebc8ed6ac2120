import textwrap

sample = """The Python Module of the Week series, or PyMOTW, is a tour of the
Python standard library through short examples. Look, goof-ball -- use the -b option!
A well-known self-contained example follows."""

print(textwrap.fill(sample, width=50))
print()
for line in textwrap.wrap(sample, width=30):
    print(repr(line))
print()
print(textwrap.fill(sample, width=40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.fill(sample, width=40, break_on_hyphens=False))
print(textwrap.shorten("Hello  world!", width=12), "|", textwrap.shorten("Hello  world!", width=11))
print(textwrap.shorten(sample, width=60, placeholder=" ..."))
print(textwrap.wrap("supercalifragilisticexpialidocious is long", width=10))
print(textwrap.wrap("supercalifragilisticexpialidocious is long", width=10, break_long_words=False))
print(textwrap.wrap(sample, width=25, max_lines=3))
print(textwrap.fill("One sentence.\nAnother one! A third?", width=80, fix_sentence_endings=True))
print(textwrap.wrap("tab\there and\ttabs", width=12), textwrap.wrap("", 10))

def describe():
    text = """
        Interleave runs your program
          on a virtual clock,
        \tdeterministically.
    """
    return textwrap.dedent(text)

print(repr(describe()))
print(repr(textwrap.dedent("  a\n\n  b\n   \n    c")))
print(textwrap.indent("one\ntwo\n\nthree\n", "> "), end="")
print(textwrap.indent("one\ntwo\n", "+ ", lambda line: True), end="")
w = textwrap.TextWrapper(width=20, max_lines=2, placeholder=" (more)")
print(w.wrap(sample))
try:
    textwrap.wrap("x", width=0)
except ValueError as e:
    print("ValueError:", e)
