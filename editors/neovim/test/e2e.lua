-- Headless end-to-end test: open a draft, wait for copydesk's diagnostics,
-- apply the quick fix, see the diagnostic clear, stop the server and check
-- that its process exited. Run by test/run.sh with a real nvim and copydesk.
local project = assert(os.getenv("COPYDESK_TEST_PROJECT"), "COPYDESK_TEST_PROJECT not set")
local binary = assert(os.getenv("COPYDESK_BIN"), "COPYDESK_BIN not set")
local new_api = vim.fn.has("nvim-0.11") == 1

local function fail(step, detail)
  io.stderr:write(("copydesk neovim test FAILED at %s: %s\n"):format(step, detail or ""))
  vim.cmd("cquit 1")
end

local function step(name)
  io.stdout:write(("-- %s\n"):format(name))
end

local function wait(ms, predicate)
  return vim.wait(ms, predicate, 50)
end

local v = vim.version()
step(("neovim %d.%d.%d, %s path"):format(v.major, v.minor, v.patch, new_api and "vim.lsp.config/enable" or "start_client"))
require("copydesk").setup({ path = binary, settings = { debounceMs = 50 } })

vim.cmd("edit " .. vim.fn.fnameescape(project .. "/draft.md"))
local buf = vim.api.nvim_get_current_buf()

local function kiev_diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" and d.message:find("Kyiv", 1, true) then
      table.insert(found, d)
    end
  end
  return found
end

step("waiting for copydesk's diagnostics")
if not wait(20000, function() return #kiev_diagnostics() > 0 end) then
  fail("diagnostics", "no copydesk diagnostic about ‘Kiev’ within 20 s; got " .. vim.inspect(vim.diagnostic.get(buf)))
end
local diagnostic = kiev_diagnostics()[1]
local lsp_diagnostic = diagnostic.user_data and diagnostic.user_data.lsp
if not lsp_diagnostic then
  fail("diagnostics", "the diagnostic carries no LSP data: " .. vim.inspect(diagnostic))
end
if lsp_diagnostic.code ~= "name-spelling" then
  fail("diagnostics", "expected code name-spelling, got " .. vim.inspect(lsp_diagnostic.code))
end

local client = require("copydesk").clients()[1]
if not client then
  fail("client", "no copydesk client attached")
end

step("requesting code actions")
-- 0.7 keeps only part of the LSP diagnostic; the draft is ASCII, so byte
-- columns are UTF-16 columns.
local range = lsp_diagnostic.range or {
  start = { line = diagnostic.lnum, character = diagnostic.col },
  ["end"] = { line = diagnostic.end_lnum, character = diagnostic.end_col },
}
lsp_diagnostic = vim.tbl_extend("keep", lsp_diagnostic, {
  range = range,
  message = diagnostic.message,
  severity = diagnostic.severity,
  source = diagnostic.source,
})
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = range,
  context = { diagnostics = { lsp_diagnostic } },
}
local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
local fix
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    if action.title and action.title:find("Kyiv", 1, true) and action.edit then
      fix = action
    end
  end
end
if not fix then
  fail("code action", "no quick fix mentioning Kyiv: " .. vim.inspect(responses))
end
step("applying: " .. fix.title)
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or "utf-16")
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
if not text:find("Kyiv", 1, true) or text:find("Kiev", 1, true) then
  fail("apply", "the buffer was not fixed:\n" .. text)
end
if not wait(20000, function() return #kiev_diagnostics() == 0 end) then
  fail("diagnostic clears", "the Kiev diagnostic is still shown after the fix")
end

step("stopping the server")
local pids = vim.fn.systemlist({ "pgrep", "-f", binary .. " lsp" })
if new_api then
  client:stop()
else
  client.stop()
end
local stopped = wait(10000, function()
  if new_api then
    return client:is_stopped()
  end
  return client.is_stopped()
end)
if not stopped then
  fail("stop", "the client did not stop within 10 s")
end
local exited = wait(10000, function()
  for _, pid in ipairs(pids) do
    if vim.loop.kill(tonumber(pid), 0) == 0 then
      return false
    end
  end
  return true
end)
if not exited then
  fail("exit", "the copydesk process is still running: " .. table.concat(pids, ", "))
end
step("ok")
vim.cmd("qall!")
