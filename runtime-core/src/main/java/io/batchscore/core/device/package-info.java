/**
 * Device discovery through plug-ins and the placement of workers on devices and cores: the
 * {@link io.batchscore.core.device.DevicePlanner} turns the deployment's devices and instance
 * counts into {@link io.batchscore.core.device.WorkerSlot}s, one per worker.
 */
package io.batchscore.core.device;
