// Stands in for @stoplight/http-spec/postman/operation inside dist/prism.cjs (tsup.config.ts): the mock
// serves OpenAPI documents only, so Postman's converter (and the old faker it loads) stays out.
exports.transformPostmanCollectionOperations = () => {
  throw new Error("@trusthub/mock serves OpenAPI documents, not Postman collections");
};
