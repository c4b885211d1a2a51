/**
 * The seed's FashionMNIST batch job on the JVM: three {@link io.batchscore.api.Scorer}s that read
 * 28x28 grayscale PNGs and write {@code <file name>: <label>} rows, one per engine: ONNX Runtime
 * ({@link io.batchscore.examples.fashionmnist.OnnxFashionMnistScorer}), TorchScript ({@link
 * io.batchscore.examples.fashionmnist.TorchScriptFashionMnistScorer}) and a PyTorch state dict
 * loaded into a JavaCPP C++-frontend module ({@link
 * io.batchscore.examples.fashionmnist.StateDictFashionMnistScorer}).
 */
package io.batchscore.examples.fashionmnist;
