-- :checkhealth copydesk
local M = {}

function M.check()
  local health = vim.health or require("health")
  local start = health.start or health.report_start
  local ok = health.ok or health.report_ok
  local error = health.error or health.report_error
  start("copydesk")
  local options = require("copydesk").options or require("copydesk").defaults
  local binary = options.path or options.cmd[1]
  if vim.fn.executable(binary) == 1 then
    local version = vim.fn.system({ binary, "--version" })
    ok(("%s found: %s"):format(binary, vim.trim(version)))
  else
    error(("`%s` is not executable; install copydesk (`cargo install --path .`) or set `path`"):format(binary))
  end
  if #require("copydesk").clients() > 0 then
    ok("a copydesk language server is running")
  end
end

return M
