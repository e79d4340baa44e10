"""Driver and runtime status codes as a Python exception."""

# nn_status (nndriver/nn_driver.h) and NN_RT_E_* (nndriver/nn_runtime.h), by value.
STATUS_NAMES = {
    -1: "NN_E_INVAL",
    -2: "NN_E_NOMEM",
    -3: "NN_E_HAL",
    -4: "NN_E_TIMEOUT",
    -5: "NN_E_SIGNATURE",
    -6: "NN_E_WEIGHTS_TRUNCATED",
    -7: "NN_E_WEIGHTS_FOREIGN",
    -8: "NN_E_WEIGHTS_VERSION",
    -9: "NN_E_WEIGHTS_CORRUPT",
    -10: "NN_E_WEIGHTS_MODEL",
    -11: "NN_E_WEIGHTS_SIZE",
    -12: "NN_E_WEIGHTS_TRANSFER",
    -13: "NN_E_BATCH",
    -14: "NN_E_STATE",
    -15: "NN_E_DEVICE",
    -16: "NN_E_BUSY",
    -100: "NN_RT_E_USAGE",
    -101: "NN_RT_E_FILE",
    -102: "NN_RT_E_LIBRARY",
    -103: "NN_RT_E_HAL",
    -104: "NN_RT_E_HWH",
}


class AcceleratorError(RuntimeError):
    """A call into the C driver failed.

    code     the negative status the C function returned
    status   its symbolic name ("NN_E_WEIGHTS_MODEL", ...)
    strerror the driver's one-sentence description of the code (nn_strerror)
    detail   the runtime's message naming the file, field or library involved
    """

    def __init__(self, code, strerror, detail=""):
        self.code = code
        self.status = STATUS_NAMES.get(code, "status %d" % code)
        self.strerror = strerror
        self.detail = detail
        # The runtime's detail usually quotes the driver's sentence already: do not repeat it.
        if detail and strerror in detail:
            text = "%s (%s, %d)" % (detail, self.status, code)
        elif detail:
            text = "%s: %s (%s, %d)" % (detail, strerror, self.status, code)
        else:
            text = "%s (%s, %d)" % (strerror, self.status, code)
        super().__init__(text)
