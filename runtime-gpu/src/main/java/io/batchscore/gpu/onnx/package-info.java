/** ONNX Runtime sessions made for a worker's device and thread budget. */
package io.batchscore.gpu.onnx;
