#!/usr/bin/python3
"""The Fashion-MNIST model of the seed, unchanged.

State dict keys: sequence.1.weight, sequence.1.bias, sequence.3.weight,
sequence.3.bias. Input: float tensor [N, 1, 28, 28] in [0, 1] (what
torchvision's ToTensor() makes of a 28x28 8-bit grayscale PNG). Output:
[N, 10] logits (no softmax).
"""
from torch import nn


class NeuralNetwork(nn.Module):
    def __init__(self):
        super(NeuralNetwork, self).__init__()
        self.sequence = nn.Sequential(
            nn.Flatten(),
            nn.Linear(784, 20),
            nn.ReLU(),
            nn.Linear(20, 10),
        )

    def forward(self, x):
        return self.sequence(x)
