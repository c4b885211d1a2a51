/**
 * JavaCPP PyTorch helpers: TorchScript modules on a device ({@link
 * io.batchscore.gpu.torch.TorchModules}), tensors over Java memory without copies ({@link
 * io.batchscore.gpu.torch.TorchTensors}), per-batch inference that frees its native memory at once
 * ({@link io.batchscore.gpu.torch.TorchInference}), and Python {@code torch.save(state_dict)}
 * files read in Java ({@link io.batchscore.gpu.torch.StateDictReader}) and copied into a module
 * ({@link io.batchscore.gpu.torch.StateDictLoader}).
 */
package io.batchscore.gpu.torch;
