// A stand-in for the `vscode` module, enough for the bundle to load.
module.exports = new Proxy(
  {},
  {
    get: () => new Proxy(function () {}, { get: () => ({}) }),
  },
);
