// recording_board.h - nn_board.h's console for host tests: what would go to the UART is
// appended to a string.
#pragma once

#include <string>

std::string& board_output();
