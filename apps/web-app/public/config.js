// Runtime settings, read before the app starts. A server may hand out its own version of this file to
// point the app at another web-bff without a rebuild (the browser test does; a deployment can mount
// one), e.g. window.webAppConfig = { bffUrl: 'https://bff.example.com' };
// Left empty, the app calls the build-time VITE_BFF_URL, else http://localhost:3000.
window.webAppConfig = {};
