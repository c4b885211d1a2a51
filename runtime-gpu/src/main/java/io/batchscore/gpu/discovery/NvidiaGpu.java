package io.batchscore.gpu.discovery;

/**
 * One GPU as {@code nvidia-smi} lists it, numbered by the driver (before {@code
 * CUDA_VISIBLE_DEVICES}).
 *
 * @param index the driver's index
 * @param name the product name
 * @param memoryMiB total memory in MiB, or -1 when the driver does not say
 * @param uuid the driver's identifier, such as {@code GPU-5f0a...}
 */
public record NvidiaGpu(int index, String name, long memoryMiB, String uuid) {}
