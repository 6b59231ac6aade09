// Drives genesys-emulator with the vendor's JavaScript SDK (purecloud-platform-client-v2)
// and checks that every answer deserialises into the shapes the SDK expects.
//
// usage: node conformance.js PORT CLIENT_ID CLIENT_SECRET EXPECTED_ACTIONS
// Exits 0 when every check passes; otherwise prints the first mismatch and exits 1.
'use strict';

const platformClient = require('purecloud-platform-client-v2');

const [port, clientId, clientSecret, expectedText] = process.argv.slice(2);
const expectedActions = Number(expectedText);
const adminBase = `http://127.0.0.1:${port}/__emulator`;

class Mismatch extends Error {}

function check(condition, message) {
    if (!condition) {
        throw new Mismatch(message);
    }
}

function checkEqual(actual, expected, what) {
    check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Runs an SDK call that must fail; answers the SDK's extended error response.
async function failure(call, what) {
    try {
        const answer = await call();
        throw new Mismatch(`${what}: expected an error, got HTTP ${answer.status}`);
    } catch (error) {
        if (error instanceof Mismatch) {
            throw error;
        }
        check(error && typeof error.status === 'number', `${what}: no HTTP error from the SDK: ${error}`);
        return error;
    }
}

function checkErrorBody(response, status, code, what) {
    checkEqual(response.status, status, `${what} status`);
    const body = response.body;
    check(body && typeof body === 'object', `${what}: the error body is not an object`);
    checkEqual(body.status, status, `${what} ErrorBody.status`);
    checkEqual(body.code, code, `${what} ErrorBody.code`);
    checkEqual(body.contextId, response.headers['inin-correlation-id'], `${what} ErrorBody.contextId`);
    check(Array.isArray(body.details) && Array.isArray(body.errors), `${what}: ErrorBody details/errors are not arrays`);
}

async function admin(method, path, body) {
    const response = await fetch(adminBase + path, {
        method,
        headers: {'Content-Type': 'application/json'},
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    check(response.ok, `admin ${method} ${path}: HTTP ${response.status}`);
    return response.status === 204 ? null : response.json();
}

async function pageThroughEverything(api) {
    const seen = new Set();
    let pageNumber = 1;
    for (;;) {
        const page = (await api.getIntegrationsActions({pageSize: 100, pageNumber})).body;
        checkEqual(page.pageSize, 100, `page ${pageNumber} pageSize`);
        checkEqual(page.pageNumber, pageNumber, `page ${pageNumber} pageNumber`);
        checkEqual(page.total, expectedActions, `page ${pageNumber} total`);
        checkEqual(page.pageCount, Math.ceil(expectedActions / 100), `page ${pageNumber} pageCount`);
        checkEqual(page.selfUri, `/api/v2/integrations/actions?pageSize=100&pageNumber=${pageNumber}`,
                   `page ${pageNumber} selfUri`);
        check(typeof page.firstUri === 'string' && typeof page.lastUri === 'string', 'firstUri/lastUri missing');
        checkEqual(page.nextUri === undefined, pageNumber === page.pageCount, `page ${pageNumber} has no nextUri`);
        for (const action of page.entities) {
            check(typeof action.id === 'string' && typeof action.version === 'number', 'an entity lacks id or version');
            checkEqual(action.config, undefined, `entity ${action.id} config without includeConfig`);
            check(!seen.has(action.id), `action ${action.id} listed twice`);
            seen.add(action.id);
        }
        if (pageNumber >= page.pageCount) {
            break;
        }
        pageNumber += 1;
    }
    checkEqual(seen.size, expectedActions, 'actions seen while paging');
    return [...seen];
}

// The SDK's HTTP client (axios) parses any answer that looks like JSON, text/plain
// included, so a template that is valid JSON comes back as an object.
function checkTemplate(response, expected, what) {
    checkEqual(response.status, 200, `${what} status`);
    check(String(response.headers['content-type']).startsWith('text/plain'), `${what} is not text/plain`);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    let wanted = expected;
    if (typeof response.body !== 'string') {
        wanted = JSON.stringify(JSON.parse(expected));
    }
    checkEqual(text, wanted, what);
}

async function checkOneAction(api, id) {
    const action = (await api.getIntegrationsAction(id, {includeConfig: true})).body;
    checkEqual(action.id, id, 'GET one id');
    checkEqual(action.selfUri, `/api/v2/integrations/actions/${id}`, 'GET one selfUri');
    checkEqual(action.contract, undefined, 'GET one contract without expand');
    check(typeof action.config.timeoutSeconds === 'number', 'config.timeoutSeconds is not a number');
    check(typeof action.config.request.requestTemplate === 'string', 'config.request.requestTemplate missing');
    check(typeof action.config.response.translationMap === 'object', 'config.response.translationMap missing');
    const expanded = (await api.getIntegrationsAction(id, {includeConfig: true, expand: 'contract'})).body;
    check(expanded.contract && expanded.contract.input && expanded.contract.output, 'expand=contract gives no contract');
    checkTemplate(await api.getIntegrationsActionTemplate(id, 'requesttemplate.vm'),
                  action.config.request.requestTemplate, 'requesttemplate.vm');
    checkTemplate(await api.getIntegrationsActionTemplate(id, 'successtemplate.vm'),
                  action.config.response.successTemplate, 'successtemplate.vm');
    return action;
}

async function checkPatches(api, action) {
    const body = {version: action.version, name: action.name, category: action.category,
                  config: {...action.config, timeoutSeconds: 15}};
    const updated = (await api.patchIntegrationsAction(action.id, body)).body;
    checkEqual(updated.version, action.version + 1, 'PATCH version');
    checkEqual(updated.config.timeoutSeconds, 15, 'PATCH config.timeoutSeconds');
    checkEqual(updated.config.request.requestTemplate, action.config.request.requestTemplate,
               'PATCH keeps the request template');

    const stale = await failure(() => api.patchIntegrationsAction(action.id, body), 'PATCH with a stale version');
    checkErrorBody(stale, 409, 'conflict', 'PATCH with a stale version');
    checkEqual(stale.body.message, 'Version does not match current version.', '409 message');

    const tooLong = {...body, version: updated.version, config: {...action.config, timeoutSeconds: 61}};
    const invalid = await failure(() => api.patchIntegrationsAction(action.id, tooLong), 'PATCH timeoutSeconds 61');
    checkErrorBody(invalid, 400, 'constraint.validation', 'PATCH timeoutSeconds 61');
}

async function checkRateLimit(api, id) {
    await admin('PATCH', '/settings', {rateLimit: {requests: 3, windowSeconds: 60}});
    for (let i = 0; i < 3; ++i) {
        checkEqual((await api.getIntegrationsAction(id)).status, 200, `request ${i + 1} under the limit`);
    }
    const limited = await failure(() => api.getIntegrationsAction(id), 'the request over the limit');
    checkErrorBody(limited, 429, 'too.many.requests.retry.after', 'the request over the limit');
    checkEqual(limited.headers['retry-after'], '60', 'Retry-After');
    checkEqual(limited.body.message, 'Rate limit exceeded the maximum. Retry the request in [60] seconds', '429 message');
}

// The analytics aggregates of action executions, as dactl insights asks for them.
async function checkAnalytics(id) {
    await admin('POST', '/traffic', {actionId: id, count: 40, fromSecondsAgo: 7200, latencyMs: [100, 400]});
    const analytics = new platformClient.AnalyticsApi();
    const end = new Date(Date.now() + 60000);
    const start = new Date(end.getTime() - 7 * 86400000);
    const query = {
        interval: `${start.toISOString()}/${end.toISOString()}`,
        metrics: ['tTotalExecution'],
        groupBy: ['actionId', 'errorType', 'responseStatus'],
        filter: {type: 'and', predicates: [{dimension: 'actionId', operator: 'exists'}]},
    };
    const answer = (await analytics.postAnalyticsActionsAggregatesQuery(query)).body;
    check(Array.isArray(answer.results) && answer.results.length >= 1, 'aggregates: no results');
    const mine = answer.results.find((result) => result.group.actionId === id);
    check(mine && mine.group.errorType && mine.group.responseStatus, 'aggregates: no group of the action with errorType and responseStatus');
    const metric = mine.data[0].metrics[0];
    checkEqual(metric.metric, 'tTotalExecution', 'aggregates metric');
    for (const stat of ['count', 'min', 'max', 'sum', 'p95', 'p99']) {
        check(Number.isInteger(metric.stats[stat]), `aggregates: stats.${stat} is not an integer`);
    }
    check(/^\d{4}-\d\d-\d\dT.*Z\/.*Z$/.test(mine.data[0].interval), 'aggregates: bucket interval is not START/END');
    const refused = await failure(() => analytics.postAnalyticsActionsAggregatesQuery({...query, metrics: ['tFoo']}),
                                  'aggregates with an unknown metric');
    checkEqual(refused.status, 400, 'status of an unknown metric');
}

// The audit trail, as dactl drift asks it who changed an action.
async function checkAudits(id) {
    await admin('PATCH', `/actions/${id}?userId=u-jane&userName=Jane%20Admin`, {category: 'Audited'});
    const audits = new platformClient.AuditApi();
    const mapping = (await audits.getAuditsQueryRealtimeServicemapping()).body;
    const integrations = mapping.services.find((service) => service.name === 'Integrations');
    check(integrations && integrations.entities.some((entity) => entity.name === 'Action'),
          'servicemapping: no Integrations/Action');
    const end = new Date(Date.now() + 60000);
    const start = new Date(end.getTime() - 86400000);
    const answer = (await audits.postAuditsQueryRealtime({
        interval: `${start.toISOString()}/${end.toISOString()}`,
        serviceName: 'Integrations',
        filters: [{property: 'EntityType', value: 'Action'}, {property: 'EntityId', value: id}],
        sort: [{name: 'Timestamp', sortOrder: 'descending'}],
        pageNumber: 1, pageSize: 500,
    }, {expand: ['user']})).body;
    check(Array.isArray(answer.entities) && typeof answer.total === 'number' &&
          typeof answer.pageCount === 'number', 'audits: not an envelope');
    const entry = answer.entities[0];
    check(entry && entry.user && entry.user.name === 'Jane Admin' && entry.entity.id === id &&
          typeof entry.eventDate === 'string', `audits: the newest entry is not Jane's: ${JSON.stringify(entry)}`);
    const change = entry.propertyChanges.find((item) => item.property === 'category');
    check(change && Array.isArray(change.oldValues) && change.newValues[0] === 'Audited',
          `audits: propertyChanges ${JSON.stringify(entry.propertyChanges)}`);
}

// A function data action added through the admin API, then read and changed
// through a draft the way issue 18 has dactl do it.
async function checkFunctions(api) {
    const id = 'custom_-_function-conformance';
    await admin('POST', '/actions', {
        id, name: 'Score Lead', integrationId: 'int-lambda-conformance', category: 'Functions', version: 1,
        secure: false,
        contract: {input: {inputSchema: {type: 'object'}}, output: {successSchema: {type: 'object'}}},
        config: {timeoutSeconds: 30,
                 request: {requestUrlTemplate: 'arn:aws:lambda:us-east-1:1:function:score', requestType: 'POST',
                           headers: {}, requestTemplate: '${input.rawRequest}'},
                 response: {translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}'}},
        _emulator: {function: {description: 'scores a lead', handler: 'index.handler', runtime: 'nodejs18.x',
                               timeoutSeconds: 15, zipId: 'zip-1'}},
    });
    const integrations = (await api.getIntegrations({pageSize: 100, pageNumber: 1})).body;
    const lambda = integrations.entities.find((entity) => entity.id === 'int-lambda-conformance');
    check(lambda && lambda.integrationType && lambda.integrationType.id === 'function-data-actions',
          'getIntegrations: the function integration is not of type function-data-actions');
    check(integrations.entities.some((entity) => entity.integrationType.id === 'custom-rest-actions'),
          'getIntegrations: no custom-rest-actions integration');
    const published = (await api.getIntegrationsActionFunction(id)).body;
    checkEqual(published.function.timeoutSeconds, 15, 'getIntegrationsActionFunction timeoutSeconds');
    checkEqual(published.function.handler, 'index.handler', 'getIntegrationsActionFunction handler');
    const draft = (await api.postIntegrationsActionDraft(id)).body;
    const put = (await api.putIntegrationsActionDraftFunction(id, {
        description: published.function.description, handler: published.function.handler,
        runtime: published.function.runtime, timeoutSeconds: 10})).body;
    checkEqual(put.function.timeoutSeconds, 10, 'putIntegrationsActionDraftFunction timeoutSeconds');
    checkErrorBody(await failure(() => api.putIntegrationsActionDraftFunction(id, {
        description: 'd', handler: 'h', runtime: 'r', timeoutSeconds: 16}), 'a function timeout of 16'),
                   400, 'bad.request', 'a function timeout of 16');
    // Writing the function raised the draft's version (the emulator's default "rise"):
    // publishing at the version read before it is refused, at the version read after it works.
    const written = (await api.getIntegrationsActionDraft(id)).body;
    checkEqual(written.version, draft.version + 1, 'the draft version after the function PUT');
    checkErrorBody(await failure(() => api.postIntegrationsActionDraftPublish(id, {version: draft.version}),
                                 'a publish at the stale draft version'),
                   409, 'conflict', 'a publish at the stale draft version');
    await api.postIntegrationsActionDraftPublish(id, {version: written.version});
    const after = (await api.getIntegrationsActionFunction(id)).body;
    checkEqual(after.function.timeoutSeconds, 10, 'the published function after publish');
    checkEqual((await api.getIntegrationsAction(id)).body.id, id, 'the action keeps its id');
}

// Dependency tracking: which published flows call an action (the generated org's every
// seventh action is called by three flows, the second only checked in), paged by one;
// then 206 while the dependency data is rebuilt and 403 without the permission.
async function checkDependencies(ids) {
    const architect = new platformClient.ArchitectApi();
    const id = ids[6];
    const names = [];
    let pageNumber = 1;
    let pageCount = 1;
    while (pageNumber <= pageCount) {
        const page = (await architect.getArchitectDependencytrackingConsumingresources(
            id, 'DATAACTION', {flowFilter: 'published', pageSize: 1, pageNumber})).body;
        checkEqual(page.total, 2, 'consumingresources total');
        pageCount = page.pageCount;
        for (const entity of page.entities) {
            names.push(`${entity.name} ${entity.type} ${entity.version}`);
        }
        pageNumber += 1;
    }
    checkEqual(names.join(', '), 'Main IVR 0007 INBOUNDCALLFLOW 8.0, Order bot 0007 DIGITALBOTFLOW 2.0',
               'the published flows calling the seventh action');
    await admin('PATCH', '/settings', {dependencyTracking: 'rebuilding'});
    const partial = await architect.getArchitectDependencytrackingConsumingresources(
        id, 'DATAACTION', {flowFilter: 'published'});
    checkEqual(partial.status, 206, 'consumingresources while rebuilding');
    checkEqual(partial.body.entities.length, 2, 'the flows a 206 answer carries');
    await admin('PATCH', '/settings', {dependencyTracking: 'forbidden'});
    checkErrorBody(await failure(() => architect.getArchitectDependencytrackingConsumingresources(
        id, 'DATAACTION', {flowFilter: 'published'}), 'consumingresources without the permission'),
                   403, 'missing.permissions', 'consumingresources without the permission');
    await admin('PATCH', '/settings', {dependencyTracking: 'operational'});
    checkErrorBody(await failure(() => architect.getArchitectDependencytrackingConsumingresources(
        id, 'FLOW', {}), 'consumingresources of another object type'),
                   400, 'architect.dependency.object.invalid.type', 'another object type');
}

// The org's data action limits: the concurrent-execution limit read as the SDK reads it.
async function checkLimits() {
    const organization = new platformClient.OrganizationApi();
    const listing = (await organization.getOrganizationsLimitsNamespace('integrations')).body;
    const concurrent = listing.entities.find((limit) => limit.key === 'actions.concurrent.executions.max');
    check(concurrent && concurrent.value === 50 && concurrent.namespace === 'integrations',
          `getOrganizationsLimitsNamespace: no concurrent-execution limit of 50: ${JSON.stringify(listing)}`);
    await admin('PATCH', '/settings', {orgLimits: 'forbidden'});
    checkErrorBody(await failure(() => organization.getOrganizationsLimitsNamespace('integrations'),
                                 'the limits without the permission'),
                   403, 'missing.permissions', 'the limits without the permission');
    await admin('PATCH', '/settings', {orgLimits: 'present'});
}

async function main() {
    const client = platformClient.ApiClient.instance;
    client.setGateway({protocol: 'http', host: '127.0.0.1', port: Number(port)});
    client.setReturnExtendedResponses(true);
    await client.loginClientCredentialsGrant(clientId, clientSecret);
    check(client.authData.accessToken, 'no access token after login');
    const api = new platformClient.IntegrationsApi();

    const ids = await pageThroughEverything(api);
    const action = await checkOneAction(api, ids[1]);
    await checkPatches(api, action);
    await checkAnalytics(ids[0]);
    await checkAudits(ids[0]);
    await checkFunctions(api);
    await checkDependencies(ids);
    await checkLimits();
    await checkRateLimit(api, ids[2]);

    const counts = (await admin('GET', '/requests')).counts;
    checkEqual(counts['POST /oauth/token'], 1, 'token requests');
    checkEqual(counts['GET /api/v2/integrations/actions'], Math.ceil(expectedActions / 100), 'list requests');
    console.log(`conformance: ${Object.values(counts).reduce((a, b) => a + b, 0)} SDK requests, ` +
                `${expectedActions} actions, every check passed`);
}

main().catch((error) => {
    const detail = error instanceof Mismatch ? error.message : (error && error.stack) || JSON.stringify(error);
    console.error(`conformance: FAILED: ${detail}`);
    process.exit(1);
});
