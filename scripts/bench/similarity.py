"""The NumPy side of make bench-similarity (scripts/bench-similarity.sh).

generate N SEED FILE
    N synthetic artists' mean audio features (the 9 of compute-artist-similarity, in its order), as
    little-endian doubles: seven features between 0 and 1, loudness in dB, tempo in BPM.
numpy FILE K OUT
    The same similarity core as the task, by brute force: z-scores (population deviation, columns without
    spread dropped), then the squared distances of a block of rows to all rows as |a|^2 + |b|^2 - 2 a.b
    (one matrix product per block), the K smallest per row by argpartition, ordered by (distance, index).
    Writes the neighbours as little-endian int32 and prints {"seconds": ..} for the core alone.
compare FILE JAVA NUMPY K
    Whether both found the same neighbours; where they differ, whether only by a near tie (the exact
    distances of the two neighbours within 1e-9), which the rounding of a.b may flip. Prints JSON.
"""

import json
import sys
import time

import numpy as np

FEATURES = 9
BLOCK = 128


def generate(n, seed, path):
    rng = np.random.default_rng(seed)
    unit = rng.beta(2.0, 2.0, size=(n, 7))
    loudness = rng.normal(-8.0, 3.0, size=(n, 1))
    tempo = rng.normal(120.0, 25.0, size=(n, 1))
    # the task's column order: danceability, energy, loudness, speechiness, acousticness, instrumentalness,
    # liveness, valence, tempo
    means = np.hstack([unit[:, :2], loudness, unit[:, 2:], tempo])
    means.astype("<f8").tofile(path)


def load(path):
    return np.fromfile(path, dtype="<f8").reshape(-1, FEATURES)


def standardize(means):
    spread = means.max(axis=0) != means.min(axis=0)
    kept = means[:, spread]
    return (kept - kept.mean(axis=0)) / kept.std(axis=0)


def nearest(z, k):
    n = len(z)
    squares = np.einsum("ij,ij->i", z, z)
    result = np.empty((n, k), dtype=np.int32)
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        d2 = squares[start:stop, None] + squares[None, :] - 2.0 * (z[start:stop] @ z.T)
        d2[np.arange(stop - start), np.arange(start, stop)] = np.inf
        candidates = np.argpartition(d2, k, axis=1)[:, :k]
        chosen = np.take_along_axis(d2, candidates, axis=1)
        order = np.lexsort((candidates, chosen), axis=1)
        result[start:stop] = np.take_along_axis(candidates, order, axis=1)
    return result


def run_numpy(path, k, out):
    means = load(path)
    started = time.perf_counter()
    neighbours = nearest(standardize(means), k)
    seconds = time.perf_counter() - started
    neighbours.astype("<i4").tofile(out)
    print(json.dumps({"artists": len(means), "k": k, "seconds": round(seconds, 3)}))


def compare(path, java, numpy, k):
    z = standardize(load(path))
    a = np.fromfile(java, dtype="<i4").reshape(-1, k)
    b = np.fromfile(numpy, dtype="<i4").reshape(-1, k)
    rows = np.nonzero((a != b).any(axis=1))[0]
    near_ties = 0
    for row in rows:
        da = np.sqrt(((z[a[row]] - z[row]) ** 2).sum(axis=1))
        db = np.sqrt(((z[b[row]] - z[row]) ** 2).sum(axis=1))
        near_ties += bool(np.allclose(da, db, rtol=0, atol=1e-9))
    print(json.dumps({"artists": len(a), "rows_differing": len(rows), "of_which_near_ties": near_ties}))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "generate":
        generate(int(args[0]), int(args[1]), args[2])
    elif command == "numpy":
        run_numpy(args[0], int(args[1]), args[2])
    elif command == "compare":
        compare(args[0], args[1], args[2], int(args[3]))
    else:
        sys.exit(__doc__)
