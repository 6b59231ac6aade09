#include <cstdio>
#include <string>

#include "tests/emulator/test/support/test_server.h"

namespace dactl::emulator::testing {

std::string small_seed() {
    return R"JSON([
  {"id": "custom_-_0001", "name": "Get Order Status", "integrationId": "int-orders",
   "category": "Orders Web Services", "version": 3, "secure": false,
   "contract": {"input": {"inputSchema": {"type": "object", "properties": {"orderId": {"type": "string"}}}},
                "output": {"successSchema": {"type": "object"}}},
   "config": {"timeoutSeconds": 3,
              "request": {"requestUrlTemplate": "https://orders.example.com/orders/${input.orderId}",
                          "requestType": "GET", "headers": {"Accept": "application/json"},
                          "requestTemplate": "{\n  \"q\": \"${input.orderId}\",\n  \"who\": \"Zoë\"\n}"},
              "response": {"translationMap": {"status": "$.status"},
                           "translationMapDefaults": {"status": "\"UNKNOWN\""},
                           "successTemplate": "{\"status\": ${status}}"}}},
  {"id": "custom_-_0002", "name": "Get Order Status", "integrationId": "int-legacy",
   "category": "Legacy Orders", "version": 1, "secure": true,
   "contract": {"input": {"inputSchema": {"type": "object"}}, "output": {"successSchema": {"type": "object"}}},
   "config": {"request": {"requestUrlTemplate": "https://legacy.example.com/status", "requestType": "POST",
                          "headers": {}, "requestTemplate": "${input.rawRequest}"},
              "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}}},
  {"id": "custom_-_0003", "name": "Lookup Customer", "integrationId": "int-crm",
   "category": "CRM", "version": 2, "secure": false,
   "contract": {"input": {"inputSchema": {"type": "object"}}, "output": {"successSchema": {"type": "object"}}},
   "config": {"timeoutSeconds": 20,
              "request": {"requestUrlTemplate": "https://crm.example.com/customers", "requestType": "GET",
                          "headers": {}, "requestTemplate": "${input.rawRequest}"},
              "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}},
   "_emulator": {"latencyMs": [50, 50]}},
  {"id": "customAuth_-_0004", "name": "Refresh Token", "integrationId": "int-orders",
   "category": "Orders Web Services", "version": 1, "secure": false,
   "contract": {"input": {"inputSchema": {"type": "object"}}, "output": {"successSchema": {"type": "object"}}},
   "config": {"request": {"requestUrlTemplate": "https://orders.example.com/oauth", "requestType": "POST",
                          "headers": {}, "requestTemplate": "grant_type=client_credentials"},
              "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}},
   "_emulator": {"customAuth": true}},
  {"id": "static_-_0005", "name": "Get Date", "integrationId": "int-builtin",
   "category": "Built-in", "version": 1, "secure": false,
   "contract": {"input": {"inputSchema": {"type": "object"}}, "output": {"successSchema": {"type": "object"}}},
   "config": {"request": {"requestUrlTemplate": "https://api.example.com/date", "requestType": "GET",
                          "headers": {}, "requestTemplate": "${input.rawRequest}"},
              "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}}}
])JSON";
}

std::string generated_seed(int count) {
    std::string seed = "[";
    for (int i = 1; i <= count; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "%04d", i);
        seed +=
            std::string(i > 1 ? "," : "") + R"({"id": "custom_-_)" + number +
            R"(", "name": "Action )" + number +
            R"(", "integrationId": "int-1", "category": "Orders", "version": 1, "secure": false,)"
            R"( "contract": {}, "config": {"timeoutSeconds": 3, "request": {"requestUrlTemplate": "https://x.example.com",)"
            R"( "requestType": "GET", "headers": {}, "requestTemplate": "${input.rawRequest}"},)"
            R"( "response": {"translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}"}}})";
    }
    return seed + "]";
}

}  // namespace dactl::emulator::testing
