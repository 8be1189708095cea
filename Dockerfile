# Ledelsesbot as a container: the production shape for Azure Container Apps / App Service.
# Every step is a command README and CI already run (npm ci → prepare: tsc build and
# `ledelse validate`, which warms the index cache), so CI proves them without a container runtime.

# ---- build: all dependencies, compile TypeScript, check the data ----------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY data ./data
# prepare = npm run build && node bin/ledelse.js validate
RUN npm ci --no-audit --no-fund

# ---- run: production dependencies only, compiled code, data and a warm index cache -----------
FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    TEAMS_PORT=3978 \
    DB_FILE=/app/state/ledelsesbot.json
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: "prepare" needs the TypeScript compiler, and the build stage already ran it.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/data ./data
COPY --from=build /app/src/web/public ./src/web/public
# The search index cache, built from data/ alone (no user data), read at start instead of
# analysing every statement again. Then the app runs as the unprivileged "node" user; only
# state/ (the lowdb file when DATABASE_URL is not set) is writable.
RUN node bin/ledelse.js validate \
 && mkdir -p /app/state && chown node:node /app/state
USER node
EXPOSE 3000 3978
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node itself receives SIGTERM (no npm/shell in between), so shutdown is graceful.
CMD ["node", "dist/main.js"]
