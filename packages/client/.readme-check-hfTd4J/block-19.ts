import {
  createTrustHubClient,
  TrustHubApiError,
  TrustHubNetworkError,
  TrustHubResponseError,
  TrustHubValidationError,
  unwrap,
} from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

// Without unwrap(): look at `error` yourself.
const { data, error, response } = await client.GET("/v1/CustomerProfiles/{Sid}", {
  params: { path: { Sid: profileSid } },
});
if (error) {
  console.log(response.status, error.code, error.message, error.more_info);
} else {
  console.log(data.status);
}

// With unwrap(): one try/catch for everything.
try {
  const profile = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profileSid } } }));
  console.log(profile.status);
} catch (e) {
  if (e instanceof TrustHubApiError && e.status === 404) {
    console.log("no such profile", e.code, e.moreInfo);
  } else if (e instanceof TrustHubValidationError) {
    console.log("bad request, nothing was sent:", e.message);
  } else if (e instanceof TrustHubNetworkError) {
    console.log(e.timedOut ? "timed out" : "connection failed", "after", e.attempts, "attempts");
  } else if (e instanceof TrustHubResponseError) {
    console.log("unexpected response", e.status, e.contentType);
  } else {
    throw e;
  }
}

// Validation happens before any I/O: this rejects without a request.
await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: "BU123" } } }).catch((e: unknown) => {
  console.log(e instanceof TrustHubValidationError); // true: path parameter "Sid" must match ^BU[0-9a-fA-F]{32}$
});
