// Stands in for @faker-js/faker inside dist/prism.js (tsup.config.ts): Prism's dynamic mode is the only
// user of faker, so its English locale is loaded on the first use, not with the engine.
let loaded;
exports.faker = new Proxy(
  {},
  {
    get(_, key) {
      loaded ??= require("@faker-js/faker/locale/en").faker;
      return loaded[key];
    },
  },
);
