package rnnlab.spec;

/**
 * Gradient clipping before each update. {@code PER_TENSOR} is the lab's: each gradient tensor whose L2
 * norm exceeds the limit is rescaled to it on its own. {@code GLOBAL} is PyTorch's
 * {@code clip_grad_norm_}: all tensors rescaled together when their joint norm exceeds it.
 */
public enum ClipMode implements Choice { PER_TENSOR, GLOBAL, NONE }
