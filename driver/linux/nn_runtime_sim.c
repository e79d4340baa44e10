/* nn_runtime_sim.c - the "sim" HAL: a generated project's device library
 * (nn_sim_plugin.h) loaded with dlopen, checked for its ABI and for being
 * built from the same model as the descriptor, so a stale library from an
 * older generation of the project is refused instead of silently used. */
#include <dlfcn.h>
#include <string.h>

#include "nn_rt_internal.h"
#include "nndriver/nn_sim_plugin.h"

static void sim_close(nn_rt_backend *b) {
  const nn_sim_plugin *p = b->plugin;
  if (p != NULL && b->state != NULL) p->destroy(b->state);
  if (b->lib != NULL) dlclose(b->lib);
  b->state = NULL;
  b->lib = NULL;
}

/* Names the first field in which the library's compiled-in descriptor and the
 * file differ, or NULL. */
static const char *first_difference(const nn_model_desc *lib, const nn_model_desc *file) {
  if (lib->desc_version != file->desc_version) return "descriptor layout version";
  if (lib->name == NULL || strcmp(lib->name, file->name) != 0) return "name";
  if (lib->signature != file->signature) return "signature";
  if (lib->bus_format != file->bus_format) return "bus_format";
  if (lib->input_size != file->input_size) return "input_size";
  if (lib->output_size != file->output_size) return "output_size";
  if (lib->weight_words != file->weight_words) return "weight_words";
  if (lib->max_batch != file->max_batch) return "max_batch";
  if (lib->input_rank != file->input_rank ||
      memcmp(lib->input_shape, file->input_shape, sizeof lib->input_shape) != 0)
    return "input_shape";
  if (memcmp(&lib->regs, &file->regs, sizeof lib->regs) != 0) return "register map";
  return NULL;
}

int nn_rt_sim_create(const nn_model_text *m, const char *dir, const nn_rt_options *opt,
                     nn_rt_backend *b, char *err, size_t errlen) {
  char path[4096];
  if (opt->sim_library != NULL) {
    /* A bare file name would make dlopen search the library path: make it relative. */
    int rc = strchr(opt->sim_library, '/') != NULL
                 ? nn_rt_join(path, sizeof path, NULL, opt->sim_library, err, errlen)
                 : nn_rt_join(path, sizeof path, ".", opt->sim_library, err, errlen);
    if (rc != NN_OK) return rc;
  } else if (m->sim_library[0] == '\0') {
    nn_rt_errf(err, errlen,
               "%s/" NN_RT_DESC_FILE
               " names no sim_library (a board package?): name the device library "
               "(nn-run --sim-library, Python sim_library=) or use the uio or devmem HAL",
               dir);
    return NN_RT_E_USAGE;
  } else {
    int rc = nn_rt_join(path, sizeof path, dir, m->sim_library, err, errlen);
    if (rc != NN_OK) return rc;
  }

  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    const char *why = dlerror();
    nn_rt_errf(err, errlen,
               "cannot load the device library %s: %s (build the project first: cmake --build "
               "%s/build)",
               path, why ? why : "unknown dlopen error", dir);
    return NN_RT_E_LIBRARY;
  }
  dlerror();
  nn_sim_plugin_entry_fn entry;
  /* POSIX: a data pointer from dlsym converts to a function pointer this way. */
  *(void **)(&entry) = dlsym(lib, NN_SIM_PLUGIN_ENTRY);
  if (entry == NULL) {
    const char *why = dlerror();
    nn_rt_errf(err, errlen, "%s is not an nnaccel device library (no %s: %s)", path,
               NN_SIM_PLUGIN_ENTRY, why ? why : "symbol is NULL");
    dlclose(lib);
    return NN_RT_E_LIBRARY;
  }
  const nn_sim_plugin *p = entry();
  if (p == NULL || p->abi != NN_SIM_PLUGIN_ABI) {
    nn_rt_errf(err, errlen,
               "%s: device library ABI %u, this program needs ABI %u (rebuild the project with "
               "this SDK)",
               path, p ? (unsigned)p->abi : 0u, (unsigned)NN_SIM_PLUGIN_ABI);
    dlclose(lib);
    return NN_RT_E_LIBRARY;
  }
  const char *diff = p->model ? first_difference(p->model, &m->desc) : "descriptor (NULL)";
  if (diff != NULL) {
    nn_rt_errf(err, errlen,
               "%s was built for model '%s' (signature 0x%08x) but %s/" NN_RT_DESC_FILE
               " describes '%s' (signature 0x%08x): %s differs (rebuild the project)",
               path, p->model && p->model->name ? p->model->name : "?",
               p->model ? (unsigned)p->model->signature : 0u, dir, m->name,
               (unsigned)m->desc.signature, diff);
    dlclose(lib);
    return NN_RT_E_LIBRARY;
  }
  memset(b, 0, sizeof *b);
  b->name = "sim";
  b->lib = lib;
  b->plugin = p;
  b->close = sim_close;
  b->state = p->create(&b->hal);
  if (b->state == NULL) {
    nn_rt_errf(err, errlen, "%s: could not create the virtual board (out of memory?)", path);
    dlclose(lib);
    b->lib = NULL;
    return NN_RT_E_LIBRARY;
  }
  return NN_OK;
}
