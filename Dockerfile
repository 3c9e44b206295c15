# syntax=docker/dockerfile:1
# One image for every PatchMon role: `web` (default), `worker`, `migrate`, `cli <command>`.
#   docker build -t patchmon:latest .
#   docker run -d --init -p 3000:3000 -v patchmon_data:/app/data patchmon:latest   # zero-config (PGlite)
# compose.yaml runs web + worker + PostgreSQL + Redis from this image (with `init: true`).
# --init is recommended: without an init, PID 1 is the entrypoint's shell or node, and the kernel
# drops the signals PID 1 has no handler for; the entrypoint and the web and worker processes handle
# SIGTERM themselves, but `migrate` and `cli` commands would ignore `docker stop` until it kills them.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# All dependencies, for the build. Playwright's browsers are test-only.
FROM base AS deps
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# next build (standalone server + static assets) and the esbuild bundles dist/cli.mjs, dist/worker.mjs.
FROM base AS build
ENV PATCHMON_STANDALONE_BUILD=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ and agent-scripts/ may be absent or empty in a checkout (git keeps no empty folders);
# creating them here lets the runner copy them unconditionally.
RUN npm run build \
  && mkdir -p public agent-scripts

# Production dependencies only: the bundles keep packages external and load them at run time.
FROM base AS prod-deps
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

FROM base AS runner
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="PatchMon" \
      org.opencontainers.image.description="Self-hosted Linux patch monitoring: web app, queue worker and operator CLI in one image" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/node:20-bookworm-slim"
ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    PATCHMON_DATA_DIR=/app/data \
    PM_LOG_TO_CONSOLE=true

# Full production node_modules first (the worker and CLI need more than Next's trace keeps), then the
# standalone server on top of it: server.js lands in /app and chdirs there, so db/migrations and
# agent-scripts resolve from /app.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/dist ./dist
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/agent-scripts ./agent-scripts
COPY --from=build /app/package.json ./package.json
COPY --chmod=0755 docker/entrypoint.sh ./docker/entrypoint.sh

# Code stays root-owned and read-only to the app; only the data dir and Next's cache are writable.
# `patchmon` on the PATH serves `docker compose exec web patchmon <command>` (exec skips the entrypoint).
RUN mkdir -p /app/data /app/.next/cache \
  && chown -R 1000:1000 /app/data /app/.next/cache \
  && printf '#!/bin/sh\nexec /app/docker/entrypoint.sh cli "$@"\n' > /usr/local/bin/patchmon \
  && chmod 0755 /usr/local/bin/patchmon

# uid/gid 1000 is the image's `node` user.
USER 1000:1000
VOLUME ["/app/data"]
EXPOSE 3000

# The web role answers /health (200 when the database answers). The worker serves no HTTP, so when
# the container runs the worker role (PID 1 is the worker, or with --init the init started with the
# entrypoint's `worker`) the check only confirms that; a worker that dies exits the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "try { const a = require('node:fs').readFileSync('/proc/1/cmdline', 'utf8').split('\\0'); if (a.includes('dist/worker.mjs') || a[a.indexOf('/app/docker/entrypoint.sh') + 1] === 'worker') process.exit(0); } catch {} fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
