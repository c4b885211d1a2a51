"""Neural network class."""

from torch import nn


class NeuralNetwork(nn.Module):
    """Neural network that predicts classes."""

    def __init__(self):
        super(NeuralNetwork, self).__init__()
        self.sequence = nn.Sequential(
            nn.Flatten(),
            nn.Linear(28 * 28, 20),
            nn.ReLU(),
            nn.Linear(20, 10),
        )

    def forward(self, x):
        y_prime = self.sequence(x)
        return y_prime
