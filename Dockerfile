# syntax=docker/dockerfile:1
# One image per app: docker build --build-arg APP=products-feed -t cde/products-feed:0.1.0 .
# Stages: the build (all dependencies, the bundles of ./dev build), the production dependencies alone, and the
# runtime (Node 24 slim, the app's bundle and those dependencies, a non-root user, nothing written at run time, so
# the root filesystem can be read-only). The Node version is the one of .node-version.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools/build ./tools/build
ARG APP
RUN test -n "$APP" && test -f "apps/$APP/src/main.ts" || { echo "APP must name an app of apps/ with a src/main.ts" >&2; exit 1; }
RUN node_modules/.bin/tsx tools/build/build-apps.ts "$APP"

# The seed command and dev tools, for docker-compose.yml's one-shot `seed` (never deployed).
FROM build AS tools
COPY tools ./tools

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# The dependency fixes of patches/ (what `npm ci`'s postinstall applies in development), by the same patch-package.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
 && npm exec --yes --package=patch-package@8.0.1 -- patch-package --error-on-fail \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
# Two glibc malloc arenas, as the manifests set (ADR 23): the default fragments native memory per worker thread.
ENV NODE_ENV=production MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=production-dependencies --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist/apps/${APP} ./dist
# Files are root's and read-only to the app; the app runs as an unprivileged user of no group with a login.
USER 10001:10001
EXPOSE 8090 9464
ENTRYPOINT ["node", "--enable-source-maps", "/app/dist/main.js"]
