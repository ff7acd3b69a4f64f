# The registry server. Build: docker build -t hangzhou-brand-registry .
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so code changes do not invalidate this layer. better-sqlite3 ships prebuilt
# binaries for linux/x64 and linux/arm64 glibc, so no compiler is needed here.
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force

COPY . .

# Every local file (embedded store, read models, checkpoints) lives under DATA_DIR: mount a volume there.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["npm", "start"]
