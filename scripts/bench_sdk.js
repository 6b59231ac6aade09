// The change scripts/bench.py compares dactl with, made the way the vendor's
// documentation shows it with its JavaScript SDK (purecloud-platform-client-v2):
// list the pages, then per action GET it with its config, PATCH the timeout with
// the current version, and GET it again to confirm.
//
// usage: node bench_sdk.js PORT CLIENT_ID CLIENT_SECRET CHANGES_JSON CONCURRENCY
//   CHANGES_JSON: a file holding {"<action name>": <timeout seconds>, ...}
// Prints one JSON line: {"changed": n, "confirmed": n}. Exits 1 on any failure.
'use strict';

const fs = require('fs');
const platformClient = require('purecloud-platform-client-v2');

const [port, clientId, clientSecret, changesPath, concurrencyText] = process.argv.slice(2);
const changes = JSON.parse(fs.readFileSync(changesPath, 'utf8'));
const concurrency = Number(concurrencyText);

async function listEverything(api) {
    const actions = [];
    for (let pageNumber = 1; ; ++pageNumber) {
        const page = await api.getIntegrationsActions({pageSize: 100, pageNumber});
        actions.push(...page.entities);
        if (pageNumber >= page.pageCount) {
            return actions;
        }
    }
}

async function changeOne(api, id, timeout) {
    const action = await api.getIntegrationsAction(id, {includeConfig: true});
    const config = action.config;
    config.request = config.request || {};
    config.timeoutSeconds = timeout;
    await api.patchIntegrationsAction(id, {version: action.version, config});
    const after = await api.getIntegrationsAction(id, {includeConfig: true});
    return after.config.timeoutSeconds === timeout;
}

async function main() {
    const client = platformClient.ApiClient.instance;
    client.setGateway({protocol: 'http', host: '127.0.0.1', port: Number(port)});
    await client.loginClientCredentialsGrant(clientId, clientSecret);
    const api = new platformClient.IntegrationsApi();

    const targets = (await listEverything(api)).filter((action) => action.name in changes);
    let next = 0;
    let confirmed = 0;
    async function worker() {
        while (next < targets.length) {
            const action = targets[next++];
            if (await changeOne(api, action.id, changes[action.name])) {
                ++confirmed;
            }
        }
    }
    await Promise.all(Array.from({length: concurrency}, worker));
    console.log(JSON.stringify({changed: targets.length, confirmed}));
}

main().catch((error) => {
    console.error(`bench_sdk: FAILED: ${(error && error.stack) || JSON.stringify(error)}`);
    process.exit(1);
});
