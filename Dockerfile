# The vigie image: sources run through tsx (a production dependency), no build step.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY sql ./sql
COPY samples ./samples
USER node
ENTRYPOINT ["node", "bin/vigie.js"]
CMD ["--help"]
