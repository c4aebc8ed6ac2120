import argparse, sys
sys.stderr = sys.stdout

def attempt(parser, args):
    try:
        print("ok", parser.parse_args(args))
    except SystemExit as e:
        print("exit", e.code)

p = argparse.ArgumentParser(prog='git', formatter_class=argparse.ArgumentDefaultsHelpFormatter)
p.add_argument('--version', action='version', version='%(prog)s 2.0')
p.add_argument('--color', action=argparse.BooleanOptionalAction, default=True, help='use colour')
p.add_argument('-j', '--jobs', type=int, default=1, help='parallel jobs')
sub = p.add_subparsers(dest='command', help='sub-command help')
c = sub.add_parser('commit', help='record changes')
c.add_argument('-m', '--message', required=True)
c.add_argument('--amend', action='store_true')
push = sub.add_parser('push', help='update remote')
push.add_argument('remote', nargs='?', default='origin')
push.add_argument('branches', nargs='*')
attempt(p, ['commit', '-m', 'hi'])
attempt(p, ['-j', '4', 'push', 'up', 'main', 'dev'])
attempt(p, ['--no-color', 'push'])
attempt(p, ['commit'])
attempt(p, ['pull'])
attempt(p, ['--version'])
attempt(p, [])
p.print_help()
c.print_help()

def positive(s):
    n = int(s)
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{s} is not positive")
    return n

q = argparse.ArgumentParser(prog='calc', description='Adds numbers.', epilog='Example: calc 1 2')
q.add_argument('nums', type=float, nargs='+', metavar='X', help='numbers to add')
q.add_argument('--times', type=positive, default='2', help='repeat count for %(prog)s')
q.add_argument('--op', choices=['add', 'mul'], default='add')
q.add_argument('--verbose-output', action='store_true')
q.add_argument('--verbose-errors', action='store_true')
q.set_defaults(extra='yes')
attempt(q, ['1', '-2.5', '3'])
attempt(q, ['1', '--times', '0'])
attempt(q, ['1', '--times', 'x'])
attempt(q, ['1', '--verbose'])
attempt(q, ['1', '--verbose-o'])
attempt(q, ['1', '--op=mul', '--times=3'])
print(q.get_default('extra'), q.get_default('times'))
q.print_help()

r = argparse.ArgumentParser(prog='r', exit_on_error=False)
r.add_argument('--n', type=int)
try:
    r.parse_args(['--n', 'x'])
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
parent = argparse.ArgumentParser(add_help=False)
parent.add_argument('--debug', action='store_true')
child = argparse.ArgumentParser(prog='child', parents=[parent])
child.add_argument('name')
attempt(child, ['--debug', 'x'])
child.print_help()
e = argparse.ArgumentParser(prog='e')
e.add_argument('-x', type=int)
e.add_argument('rest', nargs=argparse.REMAINDER)
attempt(e, ['-x', '-1', 'a', '-b', '--c'])
d = argparse.ArgumentParser(prog='d', argument_default=argparse.SUPPRESS)
d.add_argument('--a')
d.add_argument('--b', action='append_const', const=1)
d.add_argument('--ext', action='extend', nargs='+')
attempt(d, ['--b', '--b', '--ext', 'x', 'y', '--ext', 'z'])
attempt(d, [])
long = argparse.ArgumentParser(prog='a_program_with_a_rather_long_name_that_goes_on_and_on_and_on')
for name in ['alpha', 'beta', 'gamma', 'delta', 'epsilon']:
    long.add_argument('--' + name, metavar=name.upper() * 2)
long.add_argument('target')
long.print_usage()
try:
    p.add_argument('--jobs')
except argparse.ArgumentError as err:
    print('ArgumentError:', err)
