#!/usr/bin/env python3
"""PyTorch peer for the WGAN-GP benchmark: times one critic+generator iteration
and generator inference for a 3D DCGAN-like pair, so the C# numbers have a
reference measured on the same machine with the same shapes.

Run with /usr/bin/python3 (Debian python3-torch, CPU).
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn

LATENT = 64
GP_WEIGHT = 10.0


class Generator(nn.Module):
    def __init__(self, latent=LATENT):
        super().__init__()
        self.fc = nn.Linear(latent, 256 * 4 * 4 * 4)
        self.net = nn.Sequential(
            nn.ReLU(),
            nn.ConvTranspose3d(256, 128, 4, 2, 1),
            nn.ReLU(),
            nn.ConvTranspose3d(128, 64, 4, 2, 1),
            nn.ReLU(),
            nn.ConvTranspose3d(64, 1, 4, 2, 1),
        )

    def forward(self, z):
        return self.net(self.fc(z).view(z.shape[0], 256, 4, 4, 4))


class Critic(nn.Module):
    def __init__(self, grid=32):
        super().__init__()
        # Three stride-2 convs shrink the grid by 8; at the default 32 this is 4.
        side = grid // 8
        self.net = nn.Sequential(
            nn.Conv3d(1, 64, 4, 2, 1),
            nn.LeakyReLU(0.2),
            nn.Conv3d(64, 128, 4, 2, 1),
            nn.LeakyReLU(0.2),
            nn.Conv3d(128, 256, 4, 2, 1),
            nn.LeakyReLU(0.2),
            nn.Flatten(),
            nn.Linear(256 * side ** 3, 1),
        )

    def forward(self, x):
        return self.net(x)


def gradient_penalty(critic, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    out = critic(x_hat)
    (grad,) = torch.autograd.grad(
        outputs=out,
        inputs=x_hat,
        grad_outputs=torch.ones_like(out),
        create_graph=True,
    )
    norms = grad.reshape(grad.shape[0], -1).norm(2, dim=1)
    return ((norms - 1) ** 2).mean()


def wgan_gp_iteration(gen, critic, opt_g, opt_d, real, batch):
    z = torch.randn(batch, LATENT)
    fake = gen(z).detach()
    gp = gradient_penalty(critic, real, fake)
    loss_d = critic(fake).mean() - critic(real).mean() + GP_WEIGHT * gp
    opt_d.zero_grad(set_to_none=True)
    loss_d.backward()
    opt_d.step()

    z = torch.randn(batch, LATENT)
    loss_g = -critic(gen(z)).mean()
    # The critic accumulates gradients from loss_g too; clear both so the next
    # critic step starts clean.
    opt_g.zero_grad(set_to_none=True)
    opt_d.zero_grad(set_to_none=True)
    loss_g.backward()
    opt_g.step()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--grid", type=int, default=32)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()

    if args.grid != 32:
        # The generator's three upsampling layers fix the output at 4*8 = 32.
        p.error("the generator produces 32^3 cubes; --grid must be 32")
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    gen = Generator()
    critic = Critic(args.grid)
    opt_g = torch.optim.Adam(gen.parameters(), lr=1e-4, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(critic.parameters(), lr=1e-4, betas=(0.5, 0.9))
    real = torch.randn(args.batch, 1, args.grid, args.grid, args.grid)

    gen.train()
    critic.train()
    for _ in range(args.warmup):
        wgan_gp_iteration(gen, critic, opt_g, opt_d, real, args.batch)
    step_times = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        wgan_gp_iteration(gen, critic, opt_g, opt_d, real, args.batch)
        step_times.append(time.perf_counter() - t0)

    gen.eval()
    with torch.no_grad():
        for _ in range(args.warmup):
            gen(torch.randn(args.batch, LATENT))
        t0 = time.perf_counter()
        for _ in range(args.steps):
            gen(torch.randn(args.batch, LATENT))
        infer_s = time.perf_counter() - t0

    result = {
        "wgan_gp_step_s": statistics.median(step_times),
        "gen_cubes_per_s": args.batch * args.steps / infer_s,
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
