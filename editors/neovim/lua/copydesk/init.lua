-- copydesk for Neovim: starts `copydesk lsp` for Markdown and text buffers.
-- On Neovim 0.11+ it registers a `vim.lsp.config` and enables it; on older
-- versions (0.7 and up) it starts one client per project root by hand.

local M = {}

M.defaults = {
  -- The server command; `path` replaces its first element.
  cmd = { "copydesk", "lsp" },
  path = nil,
  filetypes = { "markdown", "text" },
  root_markers = { "copydesk.toml", ".git" },
  -- Server settings (camelCase): rulesDir, corpusDirs, builtinRules,
  -- checks = { ["name-spelling"] = { enabled = true, severity = "error" } },
  -- debounceMs. Sent as initializationOptions and as the `copydesk`
  -- section of workspace/configuration.
  settings = {},
  on_attach = nil,
}

M.options = nil

local function has_new_api()
  return vim.fn.has("nvim-0.11") == 1
end

local function command(options)
  local cmd = vim.deepcopy(options.cmd)
  if options.path then
    cmd[1] = options.path
  end
  return cmd
end

--- The LSP client configuration, shared by both code paths and by
--- `lsp/copydesk.lua`.
function M.client_config(options)
  options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), options or {})
  return {
    name = "copydesk",
    cmd = command(options),
    filetypes = options.filetypes,
    root_markers = options.root_markers,
    init_options = options.settings,
    settings = { copydesk = options.settings },
    on_attach = options.on_attach,
  }
end

-- Walk up from `path` to the first folder holding one of `markers`; the
-- file's own folder when none does. Written for 0.7, which has no vim.fs.
local function find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local start = dir
  while dir and dir ~= "" do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

-- Clients started by the pre-0.11 path, by root folder.
local clients_by_root = {}

local function attach_legacy(bufnr, config, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = find_root(name ~= "" and name or vim.fn.getcwd() .. "/x", markers)
  local client_id = clients_by_root[root]
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if not client or client.is_stopped() then
    local start = vim.deepcopy(config)
    start.root_dir = root
    start.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
    start.on_attach = config.on_attach
    client_id = vim.lsp.start_client(start)
    if not client_id then
      vim.notify("copydesk: could not start " .. table.concat(config.cmd, " "), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
end

function M.setup(options)
  M.options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), options or {})
  local config = M.client_config(M.options)
  if has_new_api() then
    vim.lsp.config("copydesk", config)
    vim.lsp.enable("copydesk")
  else
    local group = vim.api.nvim_create_augroup("copydesk", { clear = true })
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = config.filetypes,
      callback = function(args)
        attach_legacy(args.buf, config, M.options.root_markers)
      end,
    })
    -- Buffers already open when setup runs.
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
        attach_legacy(bufnr, config, M.options.root_markers)
      end
    end
  end
  vim.api.nvim_create_user_command("CopydeskRestart", function()
    M.restart()
  end, { desc = "Restart the copydesk language server" })
end

--- The running copydesk clients.
function M.clients()
  local all = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  local found = {}
  for _, client in ipairs(all) do
    if client.name == "copydesk" then
      table.insert(found, client)
    end
  end
  return found
end

function M.restart()
  for _, client in ipairs(M.clients()) do
    if has_new_api() then
      client:stop()
    else
      client.stop()
    end
  end
  clients_by_root = {}
  vim.defer_fn(function()
    vim.cmd("edit")
  end, 500)
end

return M
