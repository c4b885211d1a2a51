/**
 * CUDA device discovery: a {@link io.batchscore.api.DeviceProvider} that asks {@code nvidia-smi}
 * which GPUs exist and applies {@code CUDA_VISIBLE_DEVICES} the way the CUDA runtime does.
 */
package io.batchscore.gpu.discovery;
