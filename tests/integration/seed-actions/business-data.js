// Seed 003, "Use Auth0 custom actions to enrich user tokens with business data"
// (shared/seeds/003_c4e7ebe839965eb5.txt), verbatim but for the first line: the post uses `axios` without showing
// where it comes from, and an Action gets it as Auth0's docs say, `require('axios')` of its dependency. The backend's
// address (the post's ngrok tunnel) is replaced by the test, as a secret would be. Secrets: auth0_domain, client_id,
// client_secret.
const axios = require("axios");

/**
 * Handler that will be called during the execution of a PostLogin flow.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  //
  // Get extra user info from backend
  //
  // 1. First we need to retrieve an access token
  // To do so we need to create a M2M application that has access to our secure api, in this case the PostLoginApi
  // We request a token with the client id and client secret through the credentials flow
  let access_token = await axios.post(`https://${event.secrets.auth0_domain}/oauth/token`, {
    "client_id": event.secrets.client_id,
    "client_secret": event.secrets.client_secret,
    "audience": "http://PostLoginApi",
    "grant_type": "client_credentials"
  });

  // 2. Call our api and retrieve the custom data
  let users_response = await axios.get(`http://2adff678f535.ngrok.io/api/users/${event.user.email}`, {
    headers: {
      'Authorization': `Bearer ${access_token.data.access_token}`
    }
  });

  // 3. Update the access_token and id_token for the user that is currently logging in
  if(users_response.data){
    api.accessToken.setCustomClaim("http://test.org/extra_info", users_response.data);
    api.idToken.setCustomClaim("http://test.org/extra_info", users_response.data);
  }
};
