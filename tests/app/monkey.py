#!/usr/bin/python3
# monkey.py SECONDS [SEED] [LESSON] [DISPLAY]: a student who clicks anywhere. Random clicks,
# double and right clicks, drags, wheel turns, keys and window sizes on the lab under Xvfb, with
# settings and kept runs of its own; it reports each crash or abort (with the last 60 actions, in
# /tmp/monkey/SEED) and every distinct QML warning. A quit (a menu's Quit) starts the lab again.
# Needs Xvfb and xdotool (apt install xvfb xdotool); the lab built in build/. Ten lessons of 150 s
# each gave 6,500 actions, no crash and no warning (2026-12-06).
import os, random, subprocess, sys, time, signal, tempfile
secs = float(sys.argv[1]); seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
lesson = sys.argv[3] if len(sys.argv) > 3 else None
D = sys.argv[4] if len(sys.argv) > 4 else ':78'
rng = random.Random(seed)
APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../build/app/gradlab')
out = f'/tmp/monkey/{seed}'; os.makedirs(out, exist_ok=True)
home = tempfile.mkdtemp(prefix='monkeyhome')
xvfb = subprocess.Popen(['Xvfb', D, '-screen', '0', '1400x900x24'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1)
env = dict(os.environ, DISPLAY=D, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, QT_QPA_PLATFORM='xcb')
def xdo(*a):
    subprocess.run(['xdotool', *map(str, a)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
def start(n):
    args = [APP, '--size', '1280x800'] + (['--lesson', lesson] if lesson else [])
    err = open(f'{out}/stderr{n}.txt', 'w')
    return subprocess.Popen(args, env=env, stdout=err, stderr=err), err
KEYS = ['space', 'Right', 'r', 'Escape', 'Escape', 'Tab', 'Return', 'Up', 'Down', 'Left', 'BackSpace', '1', '5', '0', 'minus',
        'period', 'e', 'Delete', 'ctrl+z', 'ctrl+y', 'Page_Down', 'Home', 'End', 'ctrl+plus', 'ctrl+minus', 'F1', 'alt+f', 'alt+v',
        'F6', 'F6', 'shift+F6', 'a', 'k', 's', 'l', 'F11']
log = []
n = 0
app, errf = start(n)
time.sleep(5)
t0 = time.time(); crashes = 0; quits = 0; actions = 0
while time.time() - t0 < secs:
    if app.poll() is not None:
        rc = app.returncode
        errf.close()
        if rc != 0:
            crashes += 1
            with open(f'{out}/crash{n}.txt', 'w') as f:
                f.write(f'rc {rc}\n' + '\n'.join(log[-60:]) + '\n')
            print(f'CRASH rc={rc} after {actions} actions (run {n})', flush=True)
        else:
            quits += 1
        n += 1; log = []
        app, errf = start(n); time.sleep(5)
        continue
    r = rng.random()
    x, y = rng.randint(0, 1279), rng.randint(0, 799)
    if r < 0.55:
        a = ('click', x, y); xdo('mousemove', x, y, 'click', 1)
    elif r < 0.60:
        a = ('dblclick', x, y); xdo('mousemove', x, y, 'click', '--repeat', 2, 1)
    elif r < 0.63:
        a = ('rclick', x, y); xdo('mousemove', x, y, 'click', 3)
    elif r < 0.73:
        x2, y2 = min(1279, max(0, x + rng.randint(-200, 200))), min(799, max(0, y + rng.randint(-100, 100)))
        a = ('drag', x, y, x2, y2); xdo('mousemove', x, y, 'mousedown', 1, 'mousemove', (x + x2) // 2, (y + y2) // 2, 'mousemove', x2, y2, 'mouseup', 1)
    elif r < 0.80:
        b = rng.choice([4, 5]); a = ('wheel', x, y, b); xdo('mousemove', x, y, 'click', '--repeat', rng.randint(1, 6), b)
    elif r < 0.98:
        k = rng.choice(KEYS)
        a = ('key', k); xdo('key', k)
    else:
        w, h = rng.choice([(1280, 800), (1024, 640), (800, 600), (1400, 900), (700, 500)])
        a = ('resize', w, h)
        ids = subprocess.run(['xdotool', 'search', '--pid', str(app.pid)], env=env, capture_output=True, text=True).stdout.split()
        for i in ids: xdo('windowsize', i, w, h)
    log.append(' '.join(map(str, a))); actions += 1
    time.sleep(rng.choice([0.02, 0.05, 0.1, 0.3]))
app.send_signal(signal.SIGTERM)
try: app.wait(30)
except subprocess.TimeoutExpired: app.kill(); print('HANG at quit', flush=True)
errf.close()
xvfb.terminate()
warn = set()
for i in range(n + 1):
    for line in open(f'{out}/stderr{i}.txt', errors='replace'):
        if any(s in line for s in ('qrc:/', 'terminate', 'Segmentation', 'ASSERT', 'QQmlComponent', 'TypeError', 'ReferenceError')): warn.add(line.strip())
print(f'seed {seed} lesson {lesson}: {actions} actions, {crashes} crashes, {quits} quits, {len(warn)} distinct warnings')
for w in sorted(warn)[:40]: print('  ', w)
