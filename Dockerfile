# One image recipe for every Node app in apps/: docker build --build-arg APP=web-bff -t bff/web-bff .
# (The web app is static files: apps/web-app/Dockerfile serves its build with nginx.)
FROM node:24-bookworm-slim AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN test -n "$APP" && npx nx build "$APP" --configuration=production

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
ARG APP
COPY --from=build /workspace/dist/apps/${APP}/ ./
USER node
# Healthchecks call /health on $PORT with Node itself: the slim image has no curl.
# Node 24 gives a young generation of 128 MB on a large host; 16 MB semi-spaces (Node 20's default)
# took a gateway's peak RSS from 278-284 to 235-239 MB at the same CPU per request
# (docs/performance.md, "Start-up and memory").
CMD ["node", "--max-semi-space-size=16", "main.js"]
