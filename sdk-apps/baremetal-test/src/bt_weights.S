/* bt_weights.S - the project's .nnw weight file, linked into the image as is.
 * The build copies it to weights.nnw in a directory on the assembler's include
 * path, so no file name ever has to be quoted here. */
  .section .rodata.bt_weights, "a"
  .balign 64
  .global bt_weights_start
bt_weights_start:
  .incbin "weights.nnw"
  .global bt_weights_end
bt_weights_end:
  .byte 0
