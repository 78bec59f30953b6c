// The formats of the Kubernetes OpenAPI, as @kubernetes-models/validate defines them (its formats.ts), without the
// ~30 ms that module's index costs (ajv-formats, ajv-formats-draft2019, is-cidr, ajv-i18n). The bundled schema
// validators (scripts/build-schemas.js) take this module in place of @kubernetes-models/validate; the build checks
// that these are all the formats the schemas name.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go
const QUANTITY = /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;
const INT32 = 2 ** 31;

export const formats: Record<string, { validate: RegExp | ((value: never) => boolean) }> = {
  int32: { validate: (value: number) => Number.isInteger(value) && value >= -INT32 && value < INT32 },
  int64: { validate: (value: number) => Number.isInteger(value) },
  float: { validate: () => true },
  double: { validate: () => true },
  // Go's base64 decoder skips line breaks, so block scalars (`tls.crt: |`) are valid.
  byte: { validate: (value: string) => BASE64.test(value.replace(/[\r\n]/g, '')) },
  quantity: { validate: QUANTITY },
  'date-time': { validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) },
};
