#!/usr/bin/python3
"""Peer test: real PyTorch (Debian's python3-torch) against `ropecheck probe position-collision`.

transformers' rotary embedding is restated here (transformers itself is not packaged):

    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    freqs    = inv_freq[:, None].float() @ position_ids[None, :].float()      # the angle matmul
    emb      = freqs (each pair's angle); cos, sin = emb.cos(), emb.sin()
    cos, sin = cos.to(dtype), sin.to(dtype)                                  # the model dtype

and each preset's slip is applied where it happened: positions cast before the matmul
(positions-bf16), inv_freq cast by model.to(bfloat16) (inv-freq-bf16), the matmul's inputs and
output and cos/sin in bfloat16 (autocast-bf16), the whole cache in float16 (half-cache). CPU
PyTorch has no bfloat16/float16 matmul that rounds once and no TF32: a half-precision product
of half-precision inputs is exact in float32, so it is formed there and rounded once (as GPU
kernels accumulate); TF32's inputs are rounded to 11 significant bits to nearest-even, the
modelling choice ropecheck states (docs/inference-pipeline.md).

For every preset and small N the script computes with torch the two answers of the probe (the
first position whose dtype rotation table equals an earlier one; the first position at which
pair K's angle is off the exact p g_K by >= pi/2 on the circle, the exact value by mpmath at 60
digits) and runs the probe. They must agree. Where they do not, the only difference allowed is a
stated modelling choice: ropecheck's cos/sin are correctly rounded, torch's vectorised ones are
not; the script then names the first position where torch's table differs from the correctly
rounded one (mpmath), which must come at or before the disagreement. Exit 0: agreement (or an
explained difference); 1: an unexplained difference; 2: torch is missing.
Usage: torch_rope_peer.py ROPECHECK_BINARY
"""
import json
import subprocess
import sys

try:
    import torch
    import mpmath
except ImportError as e:  # the test-only package is missing: say how to install it
    print(f"torch_rope_peer: {e}; run scripts/install-deps --test (Debian python3-torch)", file=sys.stderr)
    sys.exit(2)

DT = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}
PRESETS = {
    "default": dict(positions="float32", inv_freq="float32", angle="float32", table="float32"),
    "positions-bf16": dict(positions="bfloat16", inv_freq="float32", angle="float32", table="float32"),
    "inv-freq-bf16": dict(positions="float32", inv_freq="bfloat16", angle="float32", table="float32"),
    "autocast-bf16": dict(positions="bfloat16", inv_freq="bfloat16", angle="bfloat16", table="bfloat16"),
    "tf32-angles": dict(positions="float32", inv_freq="float32", angle="tf32", table="float32"),
    "half-cache": dict(positions="float16", inv_freq="float16", angle="float16", table="float16"),
}
mpmath.mp.dps = 60


def tf32_round(x):
    """float32 -> 11 significant bits, to nearest, ties to even (on the bit pattern)."""
    bits = x.contiguous().view(torch.int32).to(torch.int64)
    lsb = (bits >> 13) & 1
    bits = ((bits + 0xFFF + lsb) >> 13) << 13
    return bits.to(torch.int32).view(torch.float32)


def angles(theta, dim, n, steps):
    inv_freq = 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    positions = torch.arange(0, n + 1, dtype=torch.int64).float()
    p = positions.to(DT[steps["positions"]])
    g = inv_freq.to(DT[steps["inv_freq"]])
    a = steps["angle"]
    if a == "tf32":
        freqs = tf32_round(g.float())[:, None] @ tf32_round(p.float())[None, :]
    elif a == "float32":
        freqs = g.float()[:, None] @ p.float()[None, :]
    else:
        # half-precision inputs: the float32 product is exact, rounded once to the angle format
        assert p.dtype == DT[a] and g.dtype == DT[a], "a half-precision angle of half-precision inputs"
        freqs = (g.float()[:, None] @ p.float()[None, :]).to(DT[a])
    return inv_freq, freqs.t().contiguous()  # [position, pair]


def tables(freqs, dtype):
    if freqs.dtype == torch.float16:
        # CPU torch 1.13 has no float16 cos: in float32 and rounded once, as the CUDA kernel's
        # float opmath does
        return freqs.float().cos().half().to(DT[dtype]), freqs.float().sin().half().to(DT[dtype])
    return freqs.cos().to(DT[dtype]), freqs.sin().to(DT[dtype])


def first_collision(cos, sin):
    seen = {}
    for p in range(cos.shape[0]):
        # +0.0 for -0.0: tables are compared by value
        key = (cos[p].float() + 0.0).numpy().tobytes() + (sin[p].float() + 0.0).numpy().tobytes()
        if key in seen:
            return p, seen[key]
        seen[key] = p
    return None, None


def first_inversion(freqs, theta, dim, pair):
    g = mpmath.power(mpmath.mpf(theta), -mpmath.mpf(2 * (pair - 1)) / dim)
    two_pi = 2 * mpmath.pi
    half_pi = mpmath.pi / 2
    column = freqs[:, pair - 1].double().tolist()
    for p, a in enumerate(column):
        e = mpmath.mpf(a) - p * g
        e = e - two_pi * mpmath.nint(e / two_pi)
        if abs(e) >= half_pi:
            return p
    return None


def correctly_rounded_table_difference(freqs, cos, sin, table, dtype, upto):
    """The first position <= upto where torch's dtype table differs from the correctly rounded one."""
    for p in range(min(upto, freqs.shape[0] - 1) + 1):
        for k in range(freqs.shape[1]):
            a = mpmath.mpf(freqs[p, k].double().item())
            for value, torch_value in ((mpmath.cos(a), cos[p, k]), (mpmath.sin(a), sin[p, k])):
                exact = torch.tensor([float(value)], dtype=torch.float64)
                # correctly rounded to the table format, then cast to the dtype as the pipeline does
                # (the float64 value is within 2^-53 relative: a tie within that would be named too)
                in_table = exact.to(DT[table]) if table != "float32" else exact.float()
                if in_table.to(DT[dtype]).item() != torch_value.item():
                    return p, k + 1
    return None


def probe(binary, theta, dim, n, dtype, preset, pair):
    out = subprocess.run(
        [binary, "probe", "position-collision", "--theta", str(theta), "--head-dim", str(dim), "--context", str(n),
         "--dtype", dtype, "--variant", preset, "--frequency", str(pair), "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    binary = sys.argv[1]
    failures = 0
    compared = 0
    # d = 2: one pair, so tables repeat by their cos/sin values alone (not only by rounded
    # positions), which exercises torch's cos and sin against the correctly rounded ones.
    for theta, dim, n in ((10000, 2, 3000), (10000, 64, 5000), (500000, 128, 5000)):
        for name, steps in PRESETS.items():
            inv_freq, freqs = angles(theta, dim, n, steps)
            for dtype in ("bfloat16", "float16"):
                cos, sin = tables(freqs, dtype)
                collision, with_ = first_collision(cos, sin)
                for pair in sorted({1, max(1, dim // 4)}):
                    inversion = first_inversion(freqs, theta, dim, pair)
                    j = probe(binary, theta, dim, n, dtype, name, pair)
                    compared += 1
                    label = f"theta {theta} d {dim} N {n} {dtype} {name} pair {pair}"
                    got = (j["first_collision_position"], j["collides_with"], j["first_phase_inversion_position"])
                    want = (collision, with_, inversion)
                    if got == want:
                        print(f"agree    {label}: collision {collision} = {with_}, phase inversion {inversion}")
                        continue
                    if got[2] != want[2]:
                        print(f"DIFFER   {label}: phase inversion ropecheck {got[2]}, torch {want[2]}")
                        failures += 1
                        continue
                    upto = max(x for x in (got[0], want[0], n) if x is not None)
                    named = correctly_rounded_table_difference(freqs, cos, sin, steps["table"], dtype, upto)
                    if named is None:
                        print(f"DIFFER   {label}: collision ropecheck {got[:2]}, torch {want[:2]}, unexplained")
                        failures += 1
                    else:
                        print(f"explained {label}: collision ropecheck {got[:2]}, torch {want[:2]}: torch's "
                              f"vectorised cos/sin differ from the correctly rounded ones first at position "
                              f"{named[0]} (pair {named[1]}), a stated modelling choice")
    print(f"torch_rope_peer: {compared} comparisons, {failures} unexplained differences (torch {torch.__version__})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
