"""micrograd's own moons training step (its demo.ipynb), timed: the baseline of the cold-replay row.

micrograd is not shipped here: point MICROGRAD at a folder holding its `micrograd` package (engine.py, nn.py),
e.g. a clone of github.com/karpathy/micrograd. Usage: MICROGRAD=/path python3 micrograd_moons.py STEPS
Prints one step time in milliseconds per line.
"""
import math, os, random, sys, time

sys.path.insert(0, os.environ.get("MICROGRAD", "micrograd-source"))
from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP  # noqa: E402

random.seed(1337)
# 100 two-moons samples with noise 0.1 (as sklearn's make_moons, without needing sklearn), labels -1/+1.
X, y = [], []
for i in range(100):
    t = math.pi * (i % 50) / 49
    x0, x1 = (math.cos(t), math.sin(t)) if i < 50 else (1 - math.cos(t), 0.5 - math.sin(t))
    X.append([x0 + random.gauss(0, 0.1), x1 + random.gauss(0, 0.1)])
    y.append(-1 if i < 50 else 1)
model = MLP(2, [16, 16, 1])

for k in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
    start = time.perf_counter()
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = 1e-4 * sum((p * p for p in model.parameters()))
    total_loss = data_loss + reg_loss
    model.zero_grad()
    total_loss.backward()
    learning_rate = 1.0 - 0.9 * k / 100
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    print(f"{(time.perf_counter() - start) * 1000:.3f}", flush=True)
