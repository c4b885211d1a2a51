/**
 * Devices and engine helpers for BatchScore: CUDA discovery ({@link
 * io.batchscore.gpu.discovery}), ONNX Runtime sessions ({@link io.batchscore.gpu.onnx}) and
 * JavaCPP PyTorch modules, tensors and state dicts ({@link io.batchscore.gpu.torch}) placed on a
 * worker's {@link io.batchscore.api.Device}.
 */
package io.batchscore.gpu;
