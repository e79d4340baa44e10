// recording_board.cpp - nn_board_putc/puts into a string (recording_board.h).
#include "recording_board.h"

#include "nn_board.h"

std::string& board_output() {
  static std::string out;
  return out;
}

extern "C" void nn_board_putc(char c) { board_output().push_back(c); }
extern "C" void nn_board_puts(const char* s) { board_output() += s; }
