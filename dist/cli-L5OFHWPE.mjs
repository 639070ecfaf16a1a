import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  VERSION
} from "./cli-DRQHGVJ4.mjs";
import {
  bundleList,
  predictTargets,
  selectRunBundles
} from "./cli-Q4FRL2OG.mjs";
import "./cli-IMOGGF4K.mjs";
import {
  analyzeBytes,
  readModelBuffer,
  sizeDimsDefaulted,
  unusedDims
} from "./cli-ON5MEWB4.mjs";
import {
  describePrecision,
  inflateModelAsync
} from "./cli-CWVU76GI.mjs";
import {
  DEFAULT_CONFIG,
  FAIL_ON,
  LIMITS,
  LIMIT_DIRECTION,
  LIMIT_KEYS,
  LIMIT_UNITS,
  NOMINAL_BATTERY_VOLTAGE,
  accuracyText,
  buildReport,
  compareModel,
  formatNumber,
  isCheckedModel,
  modelDims,
  require_picomatch,
  unsetDimsText
} from "./cli-2KIUKQVC.mjs";
import {
  deviceInfo
} from "./cli-IIWZN5ZH.mjs";
import {
  didYouMean,
  knownDevices
} from "./cli-TD4PF7EO.mjs";
import {
  PROCESSORS,
  require_ajv
} from "./cli-RJEMN5YO.mjs";
import "./cli-F4FCAN3U.mjs";
import {
  ModelBuilder,
  ModelLoadError,
  renderTable,
  wrap
} from "./cli-7M2ORSNP.mjs";
import {
  EXIT_FAILURE,
  Option,
  UsageError,
  UserError,
  fileIssuesError,
  messageOf,
  sharedOption,
  styleOf
} from "./cli-M3NVEZ4U.mjs";
import "./cli-GX3RAGJV.mjs";
import "./cli-FW42YN46.mjs";
import {
  __commonJS,
  __require,
  __toESM
} from "./cli-NVOR74CK.mjs";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair2;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path2) {
      const ctrl = callVisitor(key, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path2, ctrl);
        return visit_(key, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = visit_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path2) {
      const ctrl = await callVisitor(key, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path2, ctrl);
        return visitAsync_(key, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path2) {
      if (typeof visitor === "function")
        return visitor(key, node, path2);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path2);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path2);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path2);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path2);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path2);
      return void 0;
    }
    function replaceNode(key, path2, node) {
      const parent = path2[path2.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value2, arg, ctx) {
      if (Array.isArray(value2))
        return value2.map((v, i) => toJS(v, String(i), ctx));
      if (value2 && typeof value2.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value2))
          return value2.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value2, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value2.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value2 === "bigint" && !ctx?.keep)
        return Number(value2);
      return value2;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value2) => !value2 || typeof value2 !== "function" && typeof value2 !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value2) {
        super(identity.SCALAR);
        this.value = value2;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value2, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value2) && !t.format);
    }
    function createNode(value2, tagName, ctx) {
      if (identity.isDocument(value2))
        value2 = value2.contents;
      if (identity.isNode(value2))
        return value2;
      if (identity.isPair(value2)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value2);
        return map;
      }
      if (value2 instanceof String || value2 instanceof Number || value2 instanceof Boolean || typeof BigInt !== "undefined" && value2 instanceof BigInt) {
        value2 = value2.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value2 && typeof value2 === "object") {
        ref = sourceObjects.get(value2);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value2));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value2, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value2, tagName, schema.tags);
      if (!tagObj) {
        if (value2 && typeof value2.toJSON === "function") {
          value2 = value2.toJSON();
        }
        if (!value2 || typeof value2 !== "object") {
          const node2 = new Scalar.Scalar(value2);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value2 instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value2) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value2, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value2, ctx) : new Scalar.Scalar(value2);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path2, value2) {
      let v = value2;
      for (let i = path2.length - 1; i >= 0; --i) {
        const k = path2[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path2) => path2 == null || typeof path2 === "object" && !!path2[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path2, value2) {
        if (isEmptyPath(path2))
          this.add(value2);
        else {
          const [key, ...rest] = path2;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value2);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value2));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        const [key, ...rest] = path2;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        const [key, ...rest] = path2;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path2) {
        const [key, ...rest] = path2;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value2) {
        const [key, ...rest] = path2;
        if (rest.length === 0) {
          this.set(key, value2);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value2);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value2));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value2, ctx) {
      const json = JSON.stringify(value2);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value2) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value2, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value2.includes("\n") || /[ \t]\n|\n[ \t]/.test(value2))
        return doubleQuotedString(value2, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value2) ? "  " : "");
      const res = "'" + value2.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value2, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value2.includes('"');
        const hasSingle = value2.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value2, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value: value2 }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value2)) {
        return quotedString(value2, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value2) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value2, lineWidth, indent.length);
      if (!value2)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value2.length; endStart > 0; --endStart) {
        const ch = value2[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value2.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value2 === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value2 = value2.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value2.length; ++startEnd) {
        const ch = value2[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value2.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value2 = value2.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value2.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value2 = value2.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value2}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value: value2 } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value2.includes("\n") || inFlow && /[[\]{},]/.test(value2)) {
        return quotedString(value2, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value2)) {
        return implicitKey || inFlow || !value2.includes("\n") ? quotedString(value2, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value2.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value2)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value2, ctx);
        }
      }
      const str = value2.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value2, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value: value2 }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value2 == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value2 == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value2 == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value2)) {
        vsb = !!value2.spaceBefore;
        vcb = value2.commentBefore;
        valueComment = value2.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value2 && typeof value2 === "object")
          value2 = doc.createNode(value2);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value2))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value2) && !value2.flow && !value2.tag && !value2.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value2, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value2)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value2.flow ?? value2.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value2) => value2 === MERGE_KEY || typeof value2 === "symbol" && value2.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value2) {
      const source = resolveAliasValue(ctx, value2);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value2) {
      const source = resolveAliasValue(ctx, value2);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value3] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value3);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value3,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value2) {
      return ctx && identity.isAlias(value2) ? value2.resolve(ctx.doc, ctx) : value2;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value: value2 }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value2);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value2);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value2, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value2, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value2, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value2, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value2 = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value2;
      }
      clone(schema) {
        let { key, value: value2 } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value2))
          value2 = value2.clone(schema);
        return new _Pair(key, value2);
      }
      toJSON(_, ctx) {
        const pair2 = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair2, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value2) => {
          if (typeof replacer === "function")
            value2 = replacer.call(obj, key, value2);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value2 !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value2, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value2] of obj)
            add(key, value2);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair2, overwrite) {
        let _pair;
        if (identity.isPair(pair2))
          _pair = pair2;
        else if (!pair2 || typeof pair2 !== "object" || !("key" in pair2)) {
          _pair = new Pair.Pair(pair2, pair2?.value);
        } else
          _pair = new Pair.Pair(pair2.key, pair2.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value2) {
        this.add(new Pair.Pair(key, value2), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value2) {
        this.items.push(value2);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value2) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value2))
          prev.value = value2;
        else
          this.items[idx] = value2;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value2) => typeof value2 === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value2) => value2 == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value2) => typeof value2 === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value: value2 }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value2 === sv)
            return source;
        }
        return value2 ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value: value2 }) {
      if (typeof value2 === "bigint")
        return String(value2);
      const num = typeof value2 === "number" ? value2 : Number(value2);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value2, -0) ? "-0" : JSON.stringify(value2);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value2) => typeof value2 === "bigint" || Number.isInteger(value2);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value: value2 } = node;
      if (intIdentify(value2) && value2 >= 0)
        return prefix + value2.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value2) => intIdentify(value2) && value2 >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value2) => intIdentify(value2) && value2 >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value2) {
      return typeof value2 === "bigint" || Number.isInteger(value2);
    }
    var stringifyJSON = ({ value: value2 }) => JSON.stringify(value2);
    var jsonScalars = [
      {
        identify: (value2) => typeof value2 === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value2) => value2 == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value2) => typeof value2 === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value: value2 }) => intIdentify(value2) ? value2.toString() : JSON.stringify(value2)
      },
      {
        identify: (value2) => typeof value2 === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value2) => value2 instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value: value2 }, ctx, onComment, onChompKeep) {
        if (!value2)
          return "";
        const buf = value2;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair2 = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair2.key.commentBefore = pair2.key.commentBefore ? `${item.commentBefore}
${pair2.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair2.value ?? pair2.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair2;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value2;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value2 = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value2 = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value2, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair2 of this.items) {
          let key, value2;
          if (identity.isPair(pair2)) {
            key = toJS.toJS(pair2.key, "", ctx);
            value2 = toJS.toJS(pair2.value, key, ctx);
          } else {
            key = toJS.toJS(pair2, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value2);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value2) => value2 instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value: value2, source }, ctx) {
      const boolObj = value2 ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value2 ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value2) => value2 === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value2) => value2 === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value2) => typeof value2 === "bigint" || Number.isInteger(value2);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value: value2 } = node;
      if (intIdentify(value2)) {
        const str = value2.toString(radix);
        return value2 < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair2;
        if (identity.isPair(key))
          pair2 = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair2 = new Pair.Pair(key.key, null);
        else
          pair2 = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair2.key);
        if (!prev)
          this.items.push(pair2);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair2 = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair2) ? identity.isScalar(pair2.key) ? pair2.key.value : pair2.key : pair2;
      }
      set(key, value2) {
        if (typeof value2 !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value2}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value2) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value2) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value2 of iterable) {
            if (typeof replacer === "function")
              value2 = replacer.call(iterable, value2, value2);
            set2.items.push(Pair.createPair(value2, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value2) => value2 instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value: value2 } = node;
      let num = (n) => n;
      if (typeof value2 === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value2) || !isFinite(value2))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value2 < 0) {
        sign = "-";
        value2 *= num(-1);
      }
      const _60 = num(60);
      const parts = [value2 % _60];
      if (value2 < 60) {
        parts.unshift(0);
      } else {
        value2 = (value2 - parts[0]) / _60;
        parts.unshift(value2 % _60);
        if (value2 >= 60) {
          value2 = (value2 - parts[0]) / _60;
          parts.unshift(value2);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value2) => typeof value2 === "bigint" || Number.isInteger(value2),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value2) => typeof value2 === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value2) => value2 instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value: value2 }) => value2?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value2, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value2 === void 0 ? null : this.createNode(value2, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value2) {
        if (assertCollection(this.contents))
          this.contents.add(value2);
      }
      /** Adds a value to the document. */
      addIn(path2, value2) {
        if (assertCollection(this.contents))
          this.contents.addIn(path2, value2);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value2, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value2 = replacer.call({ "": value2 }, "", value2);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value2, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value2, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value2, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        if (Collection.isEmptyPath(path2)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path2) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        if (Collection.isEmptyPath(path2))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path2, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path2) {
        if (Collection.isEmptyPath(path2))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path2) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value2) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value2);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value2);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value2) {
        if (Collection.isEmptyPath(path2)) {
          this.contents = value2;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path2), value2);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path2, value2);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair2) => isEqual(pair2.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep3, value: value2 } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep3) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep3 ?? [], {
          indicator: "map-value-ind",
          next: value2,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value2?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value2 ? composeNode(ctx, value2, valueProps, onError) : composeEmptyNode(ctx, offset, sep3, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value2, onError);
          offset = valueNode.range[2];
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value: value2 } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value2,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value2) {
            if (value2?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value2 ? composeNode(ctx, value2, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value2, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep3 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep3 + cb;
              sep3 = "";
              break;
            }
            case "newline":
              if (comment)
                sep3 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep3, value: value2 } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep3 && !value2) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep3 && !props.found) {
          const valueNode = value2 ? composeNode(ctx, value2, props, onError) : composeEmptyNode(ctx, props.end, sep3, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value2))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep3 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value2,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep3)
                for (const st of sep3) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value2) {
            if ("source" in value2 && value2.source?.[0] === ":")
              onError(value2, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value2 ? composeNode(ctx, value2, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep3, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value2))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair2);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair2);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value3 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value3, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value2 = "";
      let sep3 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value2 += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value2 += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep3 === " ")
            sep3 = "\n";
          else if (!prevMoreIndented && sep3 === "\n")
            sep3 = "\n\n";
          value2 += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep3 === "\n")
            value2 += "\n";
          else
            sep3 = "\n";
        } else {
          value2 += sep3 + content;
          sep3 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value2 += "\n" + lines[i][0].slice(trimIndent);
          if (value2[value2.length - 1] !== "\n")
            value2 += "\n";
          break;
        default:
          value2 += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value: value2, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value2;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value2 = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value2 = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value2 = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value: value2,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep3 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep3 === "\n")
            res += sep3;
          else
            sep3 = "\n";
        } else {
          res += sep3 + lm;
          sep3 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep3 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value: value2, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value2, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value2, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value2, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value2);
      }
      scalar.range = range;
      scalar.source = value2;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value2, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value2))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value2, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value2)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value2)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value: value2, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value2 ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value2 && (value2.type === "block-map" || value2.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value2 ? composeNode.composeNode(ctx, value2, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value2, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value: value2 }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value2, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value: value2 }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep3, value: value2 }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep3)
        for (const st of sep3)
          res += st.source;
      if (value2)
        res += stringifyToken(value2);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path2) => {
      let item = cst;
      for (const [field, index] of path2) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path2) => {
      const parent = visit.itemAtPath(cst, path2.slice(0, -1));
      const field = path2[path2.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path2, item, visitor) {
      let ctrl = visitor(item, path2);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path2.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path2);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path2) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep3;
          if (scalar.end) {
            sep3 = scalar.end;
            sep3.push(this.sourceToken);
            delete scalar.end;
          } else
            sep3 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep3 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep3 = it.sep;
                  sep3.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep3 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep3 = fc.end.splice(1, fc.end.length);
            sep3.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep3 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value2, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value2 === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value2) && !_replacer)
        return value2.toString(options);
      return new Document.Document(value2, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/cli/compare.ts
import { existsSync as existsSync2, realpathSync } from "node:fs";
import { readFile as readFile4 } from "node:fs/promises";
import { isAbsolute, relative, sep as sep2 } from "node:path";

// src/config/errors.ts
var ConfigError = class extends fileIssuesError("ConfigError", formatIssues) {
};
function formatIssues(file, issues) {
  const lines = issues.map((issue) => {
    const at = issue.line !== void 0 ? `${file}:${issue.line}${issue.column !== void 0 ? `:${issue.column}` : ""}` : file;
    return `${at}: ${issue.field === "" ? "" : `${issue.field}: `}${issue.problem}`;
  });
  if (lines.length === 1) return lines[0] ?? file;
  return `${file}: ${issues.length} problems
${lines.map((l) => `  ${l}`).join("\n")}`;
}

// src/config/load.ts
var import_ajv = __toESM(require_ajv(), 1);
var import_picomatch = __toESM(require_picomatch(), 1);
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";

// src/config/schema.ts
var threshold = (what) => ({
  type: ["number", "object"],
  "x-expected": `a number (the fail level) or { warn, fail } (${what})`,
  "x-empty": "must set warn, fail or both",
  minimum: 0,
  minProperties: 1,
  additionalProperties: false,
  properties: {
    warn: { type: "number", minimum: 0, "x-expected": `a number (${what})` },
    fail: { type: "number", minimum: 0, "x-expected": `a number (${what})` }
  }
});
var globs = {
  type: ["string", "array"],
  "x-expected": "a glob or a list of globs",
  minLength: 1,
  minItems: 1,
  items: { type: "string", minLength: 1, "x-expected": "a glob" }
};
var processorPattern = `^(?:${PROCESSORS.join("|")})$`;
var processors = {
  type: ["string", "array"],
  "x-expected": `a processor or a list of them (${PROCESSORS.join(", ")})`,
  pattern: processorPattern,
  minItems: 1,
  uniqueItems: true,
  items: { type: "string", enum: [...PROCESSORS], "x-expected": `one of ${PROCESSORS.join(", ")}` }
};
var deviceList = {
  type: "array",
  "x-expected": "a list of device ids",
  minItems: 1,
  uniqueItems: true,
  items: { type: "string", minLength: 1, "x-expected": "a device id" }
};
var BUDGET_KEYS = [
  "models",
  "devices",
  "processors",
  "max-mj",
  "max-increase-pct",
  "max-increase-mj",
  "min-score"
];
var CONFIG_KEYS = [
  "devices",
  "processors",
  "models",
  "budgets",
  "noise",
  "dims",
  "fail-on"
];
var CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "model-energy-check configuration",
  type: "object",
  "x-expected": "a mapping of settings (devices, processors, models, budgets, noise, dims, fail-on)",
  additionalProperties: false,
  properties: {
    devices: {
      type: ["string", "array"],
      "x-expected": '"all" or a list of device ids',
      pattern: "^all$",
      minItems: 1,
      uniqueItems: true,
      items: { type: "string", minLength: 1, "x-expected": "a device id" }
    },
    processors,
    models: globs,
    budgets: {
      type: "array",
      "x-expected": "a list of budgets",
      items: {
        type: "object",
        "x-expected": "a budget: { models, max-mj, max-increase-pct, max-increase-mj, min-score, devices, processors }",
        required: ["models"],
        additionalProperties: false,
        properties: {
          models: globs,
          devices: {
            ...deviceList,
            type: ["string", "array"],
            "x-expected": "a device id or a list of them"
          },
          processors,
          "max-mj": threshold("millijoules per inference"),
          "max-increase-pct": threshold("percent over the base"),
          "max-increase-mj": threshold("millijoules over the base"),
          "min-score": threshold("score")
        }
      }
    },
    noise: {
      type: "object",
      "x-expected": "{ pct, mj }",
      additionalProperties: false,
      properties: {
        pct: { type: "number", minimum: 0, "x-expected": "a number (percent)" },
        mj: { type: "number", minimum: 0, "x-expected": "a number (millijoules)" }
      }
    },
    dims: {
      type: "object",
      "x-expected": "a mapping from model glob to { dim name: value }",
      additionalProperties: {
        type: "object",
        "x-expected": "a mapping from dim name to a value (e.g. { batch: 1, height: 224 })",
        "x-empty": "must give at least one dim value",
        minProperties: 1,
        additionalProperties: { type: "integer", minimum: 1, "x-expected": "a whole number" }
      }
    },
    "fail-on": {
      type: "string",
      "x-expected": `one of ${FAIL_ON.join(", ")}`,
      enum: [...FAIL_ON]
    }
  }
};

// src/config/load.ts
function parseConfig(text, options) {
  if (text === void 0) return DEFAULT_CONFIG;
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      options.file,
      doc.errors.map((error) => ({
        field: "",
        problem: `invalid YAML: ${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "")}`,
        ...error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}
      }))
    );
  }
  const where = (segments, atKey = false) => {
    const node = locate(doc.contents, segments, atKey);
    const offset = node?.range?.[0];
    if (offset === void 0) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const raw = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === void 0) return DEFAULT_CONFIG;
  const data = isPlainObject(raw) ? dropNulls(raw) : raw;
  const issues = [];
  const validate = compiledSchema();
  if (!validate(data)) {
    for (const error of validate.errors ?? []) issues.push(toIssue(error, data, where));
    throw new ConfigError(options.file, byPosition(dedupe(issues)));
  }
  const file = data;
  const config = toConfig(file);
  issues.push(...semanticIssues(file, config, options, where));
  if (issues.length > 0) throw new ConfigError(options.file, byPosition(issues));
  return config;
}
async function loadConfigFile(path2, options = {}) {
  let text;
  try {
    text = await readFile(path2, "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") return { config: DEFAULT_CONFIG, file: path2, exists: false };
    const problem = code === "EISDIR" ? "is a directory, not a config file" : `cannot be read (${error.message})`;
    throw new ConfigError(path2, [{ field: "", problem }], { cause: error });
  }
  return { config: parseConfig(text, { ...options, file: path2 }), file: path2, exists: true };
}
function withOverrides(config, overrides) {
  return {
    ...config,
    ...overrides.devices !== void 0 ? { devices: overrides.devices } : {},
    ...overrides.processors !== void 0 ? { processors: overrides.processors } : {},
    ...overrides.models !== void 0 ? { models: overrides.models } : {},
    ...overrides.failOn !== void 0 ? { failOn: overrides.failOn } : {}
  };
}
var compiled;
function compiledSchema() {
  if (compiled === void 0) {
    const ajv = new import_ajv.Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
    ajv.addVocabulary(["x-expected", "x-empty"]);
    compiled = ajv.compile(CONFIG_SCHEMA);
  }
  return compiled;
}
function toConfig(file) {
  const list = (value2) => value2 === void 0 ? void 0 : Array.isArray(value2) ? value2 : [value2];
  const threshold2 = (value2) => value2 === void 0 ? void 0 : typeof value2 === "number" ? { fail: value2 } : { ...value2 };
  const budgets = (file.budgets ?? []).map((b) => {
    const devices = list(b.devices);
    const processors2 = list(b.processors);
    const limits = Object.fromEntries(
      LIMITS.flatMap((limit) => {
        const t = threshold2(b[LIMIT_KEYS[limit]]);
        return t === void 0 ? [] : [[limit, t]];
      })
    );
    return {
      models: list(b.models) ?? [],
      ...devices !== void 0 ? { devices } : {},
      ...processors2 !== void 0 ? { processors: processors2 } : {},
      ...limits
    };
  });
  const dims = Object.entries(file.dims ?? {}).map(([models, values]) => ({
    models,
    values: { ...values }
  }));
  return {
    devices: file.devices === void 0 || file.devices === "all" ? DEFAULT_CONFIG.devices : list(file.devices) ?? [],
    processors: list(file.processors) ?? DEFAULT_CONFIG.processors,
    models: list(file.models) ?? DEFAULT_CONFIG.models,
    budgets,
    noise: { ...DEFAULT_CONFIG.noise, ...file.noise },
    dims,
    failOn: file["fail-on"] ?? DEFAULT_CONFIG.failOn
  };
}
function semanticIssues(file, config, options, where) {
  const issues = [];
  const add = (segments, problem, atKey = false) => {
    issues.push({ field: fieldName(segments), problem, ...where(segments, atKey) });
  };
  const checkGlobs = (segments, value2) => {
    const globsHere = value2 === void 0 ? [] : Array.isArray(value2) ? value2 : [value2];
    globsHere.forEach((glob, i) => {
      const at = Array.isArray(value2) ? [...segments, i] : segments;
      const problem = globProblem(glob);
      if (problem !== void 0) add(at, problem);
    });
  };
  const checkDevices = (segments, value2) => {
    const ids = value2 === void 0 ? [] : Array.isArray(value2) ? value2 : [value2];
    ids.forEach((id, i) => {
      const at = Array.isArray(value2) ? [...segments, i] : segments;
      if (id === "all") {
        if (Array.isArray(value2))
          add(at, '"all" cannot be mixed with device ids; write `devices: all` on its own');
        return;
      }
      if (options.knownDevices && !options.knownDevices.includes(id)) {
        add(
          at,
          `unknown device "${id}"${didYouMean(id, options.knownDevices)}; known devices: ${options.knownDevices.join(", ")}`
        );
      }
    });
  };
  checkDevices(["devices"], file.devices);
  checkGlobs(["models"], file.models);
  (file.budgets ?? []).forEach((budget, index) => {
    const at = ["budgets", index];
    checkGlobs([...at, "models"], budget.models);
    if (budget.devices === "all") add([...at, "devices"], "leave devices out to cover all devices");
    else checkDevices([...at, "devices"], budget.devices);
    const parsed = config.budgets[index];
    const set = LIMITS.filter((limit) => parsed?.[limit] !== void 0);
    if (set.length === 0) {
      add(at, `sets no limit; add at least one of ${LIMITS.map((l) => LIMIT_KEYS[l]).join(", ")}`);
    }
    for (const limit of set) {
      const t = parsed?.[limit];
      if (t?.warn === void 0 || t.fail === void 0) continue;
      const upper = LIMIT_DIRECTION[limit] === "upper";
      if (upper ? t.warn > t.fail : t.warn < t.fail) {
        add(
          [...at, LIMIT_KEYS[limit], "warn"],
          `warn (${t.warn}) is ${upper ? "above" : "below"} fail (${t.fail}), so it could never warn before failing`
        );
      }
    }
  });
  Object.keys(file.dims ?? {}).forEach((glob) => {
    const problem = globProblem(glob);
    if (problem !== void 0) add(["dims", glob], problem, true);
  });
  return issues;
}
function globProblem(glob) {
  if (glob.startsWith("/"))
    return `"${glob}" starts with "/"; globs are matched against paths relative to the repository root`;
  if (glob.includes("\\")) return `"${glob}" contains "\\"; use "/" between directories`;
  try {
    import_picomatch.default.makeRe(glob, { dot: true });
  } catch (error) {
    return `"${glob}" is not a valid glob (${error.message})`;
  }
  return void 0;
}
function toIssue(error, data, where) {
  const segments = pointerSegments(error.instancePath, data);
  const parent = error.parentSchema ?? {};
  const expected = parent["x-expected"] ?? String(error.message);
  const params = error.params;
  const value2 = error.data;
  const issue = (problem, at = segments, atKey = false) => ({
    field: fieldName(at),
    problem,
    ...where(at, atKey)
  });
  switch (error.keyword) {
    case "type":
      return issue(`must be ${expected}, not ${describe(value2)}`);
    case "pattern":
      return issue(`must be ${expected}, not ${describe(value2)}`);
    case "enum":
      return issue(
        `must be ${expected}, not ${describe(value2)}${typeof value2 === "string" ? didYouMean(value2, error.schema ?? []) : ""}`
      );
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      const known = Object.keys(parent.properties ?? {});
      const hint = didYouMean(
        key,
        known.length > 0 ? known : segments.length === 0 ? [...CONFIG_KEYS] : [...BUDGET_KEYS]
      );
      const allowed = known.length > 0 ? `; allowed here: ${known.join(", ")}` : "";
      return issue(`unknown key "${key}"${hint}${hint === "" ? allowed : ""}`, [...segments, key], true);
    }
    case "required":
      return issue(`missing required key "${String(params["missingProperty"])}"`);
    case "minimum":
      return issue(`must be at least ${String(params["limit"])}, not ${describe(value2)}`);
    case "minItems":
    case "minLength":
      return issue("must not be empty");
    case "minProperties":
      return issue(parent["x-empty"] ?? "must not be empty");
    case "uniqueItems": {
      const list = Array.isArray(value2) ? value2 : [];
      const j = Number(params["j"]);
      return issue(`lists ${describe(list[j])} more than once`);
    }
    default:
      return issue(String(error.message));
  }
}
function byPosition(issues) {
  const key = (i) => (i.line ?? Infinity) * 1e6 + (i.column ?? 0);
  return [...issues].sort((a, b) => key(a) - key(b));
}
function dedupe(issues) {
  const seen = /* @__PURE__ */ new Set();
  return issues.filter((issue) => {
    const key = `${issue.field}\0${issue.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function pointerSegments(pointer, data) {
  if (pointer === "") return [];
  const segments = [];
  let node = data;
  for (const part of pointer.slice(1).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const index = Number(key);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(key);
      node = isPlainObject(node) ? node[key] : void 0;
    }
  }
  return segments;
}
function fieldName(segments) {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
function locate(root, segments, atKey) {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if ((0, import_yaml.isMap)(node)) {
      const pair2 = node.items.find(
        (p) => (0, import_yaml.isPair)(p) && (0, import_yaml.isScalar)(p.key) && String(p.key.value) === String(segment)
      );
      if (!pair2) return node;
      if (last && atKey) return pair2.key;
      node = pair2.value;
    } else if ((0, import_yaml.isSeq)(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === void 0) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}
function describe(value2) {
  if (value2 === null || value2 === void 0) return "empty";
  if (Array.isArray(value2)) return "a list";
  if (typeof value2 === "object") return "a mapping";
  if (typeof value2 === "number" || typeof value2 === "boolean") return String(value2);
  return JSON.stringify(value2);
}
function isPlainObject(value2) {
  return typeof value2 === "object" && value2 !== null && !Array.isArray(value2);
}
function dropNulls(data) {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
}

// src/compare/plan.ts
import { existsSync } from "node:fs";
import { readFile as readFile3 } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/git/changes.ts
var NameStatusParseError = class extends Error {
  constructor(problem) {
    super(`unreadable git diff --name-status -z output: ${problem}`);
    this.name = "NameStatusParseError";
  }
};
function parseNameStatus(output) {
  const fields = output.split("\0");
  if (fields.at(-1) === "") fields.pop();
  const changes = [];
  let i = 0;
  const take = (what) => {
    const value2 = fields[i++];
    if (value2 === void 0 || value2 === "") throw new NameStatusParseError(`missing ${what} at field ${i}`);
    return value2;
  };
  while (i < fields.length) {
    const code = take("status");
    const letter = code[0];
    const score = code.length > 1 ? Number(code.slice(1)) : void 0;
    if (score !== void 0 && !(Number.isInteger(score) && score >= 0 && score <= 100)) {
      throw new NameStatusParseError(`bad score in status "${code}"`);
    }
    switch (letter) {
      case "A":
        changes.push({ status: "added", path: take("path") });
        break;
      case "M":
      case "T":
        changes.push({ status: "modified", path: take("path") });
        break;
      case "D":
        changes.push({ status: "deleted", path: take("path") });
        break;
      case "R":
      case "C": {
        const previousPath2 = take("source path");
        const path2 = take("destination path");
        changes.push({
          status: letter === "R" ? "renamed" : "copied",
          path: path2,
          previousPath: previousPath2,
          ...score !== void 0 ? { similarity: score } : {}
        });
        break;
      }
      default:
        throw new NameStatusParseError(`unexpected status "${code}"`);
    }
  }
  return changes;
}
function selectChanges(changes, accept) {
  const selected = [];
  for (const change of changes) {
    if (change.status !== "renamed" && change.status !== "copied") {
      if (accept(change.path)) selected.push(change);
      continue;
    }
    const previous = change.previousPath;
    const headSide = accept(change.path);
    const baseSide = previous !== void 0 && accept(previous);
    if (headSide && baseSide) selected.push(change);
    else if (headSide) selected.push({ status: "added", path: change.path });
    else if (baseSide && change.status === "renamed") selected.push({ status: "deleted", path: previous });
  }
  return selected;
}
function touchedPaths(changes) {
  const paths = /* @__PURE__ */ new Set();
  for (const change of changes) {
    paths.add(change.path);
    if (change.previousPath !== void 0) paths.add(change.previousPath);
  }
  return paths;
}

// src/git/lfs.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join } from "node:path";
var LFS_POINTER_MAX_BYTES = 1024;
var VERSION_LINES = [
  "version https://git-lfs.github.com/spec/v1",
  "version https://hawser.github.com/spec/v1"
];
function parseLfsPointer(bytes) {
  if (bytes.length >= LFS_POINTER_MAX_BYTES) return void 0;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const firstLine = text.split("\n", 1)[0]?.replace(/\r$/, "") ?? "";
  if (!VERSION_LINES.includes(firstLine)) return void 0;
  let oid;
  let size;
  for (const line of text.split("\n").slice(1)) {
    const [key, value2] = splitOnce(line.replace(/\r$/, ""), " ");
    if (key === "oid" && /^sha256:[0-9a-f]{64}$/.test(value2)) oid = value2;
    if (key === "size" && /^\d+$/.test(value2)) size = Number(value2);
  }
  return {
    version: firstLine.slice("version ".length),
    ...oid !== void 0 ? { oid } : {},
    ...size !== void 0 ? { size } : {}
  };
}
function lfsPointerMessage(path2, pointer) {
  const size = pointer.size !== void 0 ? ` of ${pointer.size} bytes` : "";
  return `${path2} is a Git LFS pointer, not the model${size}: the checkout did not fetch LFS content. Set \`lfs: true\` on actions/checkout (with: { lfs: true }).`;
}
function splitOnce(line, separator) {
  const at = line.indexOf(separator);
  return at < 0 ? [line, ""] : [line.slice(0, at), line.slice(at + 1)];
}
async function readModelBlob(repo, rev, path2) {
  const raw = await repo.readBlob(rev, path2);
  const pointer = parseLfsPointer(raw);
  if (pointer === void 0) return { kind: "content", bytes: raw };
  const stored = await localLfsObject(repo, pointer);
  if (stored !== void 0) return { kind: "content", bytes: stored };
  return {
    kind: "lfs-pointer",
    pointer,
    message: lfsPointerMessage(`${path2} at ${rev.slice(0, 12)}`, pointer)
  };
}
async function readModelBytes(repo, rev, path2) {
  const blob = await readModelBlob(repo, rev, path2);
  if (blob.kind === "content") return blob.bytes;
  const message = blob.message.startsWith(`${path2} `) ? blob.message.slice(path2.length + 1) : blob.message;
  throw new ModelLoadError(path2, message);
}
async function localLfsObject(repo, pointer) {
  if (pointer.oid === void 0) return void 0;
  const hex = pointer.oid.slice("sha256:".length);
  const file = join(await repo.commonDir(), "lfs", "objects", hex.slice(0, 2), hex.slice(2, 4), hex);
  try {
    const bytes = await readFile2(file);
    return pointer.size === void 0 || bytes.length === pointer.size ? bytes : void 0;
  } catch {
    return void 0;
  }
}

// src/config/diff.ts
function diffConfigs(base, head) {
  const changes = [];
  const add = (subject, before, after, effect, separator = ": ") => {
    changes.push({
      subject,
      before,
      after,
      effect,
      text: `${subject}${separator}${before} -> ${after} (${effect})`
    });
  };
  if (base.failOn !== head.failOn)
    add("fail-on", base.failOn, head.failOn, failOnEffect(base.failOn, head.failOn));
  scopeChange("devices", base.devices, head.devices, add);
  scopeChange("processors", base.processors, head.processors, add);
  if (!sameSet(base.models, head.models))
    add("models", base.models.join(", "), head.models.join(", "), "changed");
  for (const key of ["pct", "mj"]) {
    if (base.noise[key] !== head.noise[key]) {
      add(
        `noise.${key}`,
        formatNumber(base.noise[key]),
        formatNumber(head.noise[key]),
        head.noise[key] > base.noise[key] ? "loosened" : "tightened"
      );
    }
  }
  const unmatchedHead = head.budgets.map((budget) => ({ budget, key: scopeKey(budget) }));
  for (const baseBudget of base.budgets) {
    const key = scopeKey(baseBudget);
    const at = unmatchedHead.findIndex((h) => h.key === key);
    if (at < 0) {
      changes.push(wholeBudget(baseBudget, "removed", "loosened"));
      continue;
    }
    const [match] = unmatchedHead.splice(at, 1);
    if (match) budgetChanges(baseBudget, match.budget, add);
  }
  for (const { budget } of unmatchedHead) changes.push(wholeBudget(budget, "added", "tightened"));
  const dimsBefore = flattenDims(base);
  const dimsAfter = flattenDims(head);
  for (const name of /* @__PURE__ */ new Set([...dimsBefore.keys(), ...dimsAfter.keys()])) {
    const before = dimsBefore.get(name);
    const after = dimsAfter.get(name);
    if (before !== after) add(name, before ?? "none", after ?? "none", "changed");
  }
  return changes;
}
function budgetLabel(budget) {
  const scope = [
    ...budget.devices ? [`devices: ${budget.devices.join(", ")}`] : [],
    ...budget.processors ? [`processors: ${budget.processors.join(", ")}`] : []
  ];
  return `budget for ${budget.models.join(", ")}${scope.length > 0 ? ` [${scope.join("; ")}]` : ""}`;
}
function budgetChanges(before, after, add) {
  const label = budgetLabel(before);
  for (const limit of LIMITS) {
    for (const level of ["warn", "fail"]) {
      const was = before[limit]?.[level];
      const now = after[limit]?.[level];
      if (was === now) continue;
      const show = (n) => n === void 0 ? "none" : formatNumber(n);
      add(
        `${label}: ${LIMIT_KEYS[limit]} ${level}`,
        show(was),
        show(now),
        levelEffect(LIMIT_DIRECTION[limit], was, now),
        " "
      );
    }
  }
}
function levelEffect(direction, was, now) {
  if (now === void 0) return "loosened";
  if (was === void 0) return "tightened";
  return (direction === "upper" ? now > was : now < was) ? "loosened" : "tightened";
}
function wholeBudget(budget, what, effect) {
  const limits = LIMITS.flatMap((limit) => {
    const t = budget[limit];
    if (t === void 0) return [];
    const levels = [
      t.warn !== void 0 ? `warn ${formatNumber(t.warn)}` : "",
      t.fail !== void 0 ? `fail ${formatNumber(t.fail)}` : ""
    ].filter((s) => s !== "").join(", ");
    return [`${LIMIT_KEYS[limit]} ${levels}`];
  }).join("; ");
  const subject = budgetLabel(budget);
  const before = what === "removed" ? limits : "none";
  const after = what === "added" ? limits : "none";
  return { subject, before, after, effect, text: `${subject} ${what} (${limits}) (${effect})` };
}
function scopeKey(budget) {
  const sorted = (list) => list ? [...list].sort() : null;
  return JSON.stringify([sorted(budget.models), sorted(budget.devices), sorted(budget.processors)]);
}
function scopeChange(name, before, after, add) {
  const show = (v) => v === "all" ? "all" : v.join(", ");
  if (before === "all" && after === "all") return;
  if (before !== "all" && after !== "all" && sameSet(before, after)) return;
  let effect = "changed";
  if (before === "all") effect = "loosened";
  else if (after === "all") effect = "tightened";
  else if (after.every((x) => before.includes(x))) effect = "loosened";
  else if (before.every((x) => after.includes(x))) effect = "tightened";
  add(name, show(before), show(after), effect);
}
var FAIL_ON_STRICTNESS = { never: 0, budget: 1, regression: 2 };
function failOnEffect(before, after) {
  return FAIL_ON_STRICTNESS[after] < FAIL_ON_STRICTNESS[before] ? "loosened" : "tightened";
}
function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}
function flattenDims(config) {
  const out = /* @__PURE__ */ new Map();
  for (const rule of config.dims) {
    for (const [dim, value2] of Object.entries(rule.values))
      out.set(`dims[${JSON.stringify(rule.models)}].${dim}`, String(value2));
  }
  return out;
}

// src/git/external-data.ts
import { posix as posix2 } from "node:path";

// src/git/repo.ts
import { mkdir } from "node:fs/promises";
import { dirname, join as join2, posix, resolve, sep } from "node:path";

// src/git/batch.ts
import { spawn } from "node:child_process";

// src/git/errors.ts
var GitError = class extends UserError {
  constructor(args, problem, stderr = "", exitCode, options) {
    const said = stderr.trim();
    const command = args.length > 0 ? `git ${args.join(" ")}: ` : "";
    super(`${command}${problem}${said ? `
${said}` : ""}`, options);
    this.args = args;
    this.problem = problem;
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.name = "GitError";
  }
  args;
  problem;
  stderr;
  exitCode;
};

// src/git/batch.ts
var ARGS = ["cat-file", "--batch"];
var BlobBatch = class {
  constructor(exec) {
    this.exec = exec;
  }
  exec;
  child;
  pending = [];
  header = "";
  body;
  filled = 0;
  /** The newline after a blob's content, still to be skipped. */
  trailer = false;
  stderr = "";
  /** The content of `object` (`rev:path`, no newline in it). */
  read(object) {
    if (object.includes("\n"))
      return Promise.reject(new GitError([...ARGS], `"${object}" cannot be asked for in batch mode`));
    return new Promise((resolve2, reject) => {
      const child = this.start();
      this.pending.push({ object, resolve: resolve2, reject });
      setRef(child, true);
      child.stdin.write(`${object}
`);
    });
  }
  close() {
    this.child?.stdin.end();
    this.child = void 0;
  }
  start() {
    if (this.child) return this.child;
    const child = spawn(this.exec.gitPath ?? "git", ARGS, {
      cwd: this.exec.cwd,
      env: this.exec.env,
      stdio: ["pipe", "pipe", "pipe"],
      shell: false,
      windowsHide: true
    });
    child.stdout.on("data", (chunk) => this.consume(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    child.stdin.on("error", () => void 0);
    child.on("error", (error) => this.fail(`could not start git (${error.message})`, child));
    child.on(
      "close",
      (code, signal) => this.fail(
        code === null ? `killed by signal ${signal ?? "unknown"}` : `exited with code ${code}`,
        child
      )
    );
    this.child = child;
    return child;
  }
  fail(problem, child) {
    if (this.child === child) this.child = void 0;
    const error = new GitError([...ARGS], problem, this.stderr);
    for (const p of this.pending.splice(0)) p.reject(error);
    this.header = "";
    this.body = void 0;
    this.trailer = false;
  }
  consume(chunk) {
    let at = 0;
    while (at < chunk.length) {
      if (this.trailer) {
        this.trailer = false;
        at += 1;
        continue;
      }
      if (this.body) {
        const n = Math.min(chunk.length - at, this.body.length - this.filled);
        chunk.copy(this.body, this.filled, at, at + n);
        this.filled += n;
        at += n;
        if (this.filled === this.body.length) {
          const body = this.body;
          this.body = void 0;
          this.trailer = true;
          this.settle((p) => p.resolve(body));
        }
        continue;
      }
      const nl = chunk.indexOf(10, at);
      if (nl < 0) {
        this.header += chunk.toString("utf8", at);
        return;
      }
      this.header += chunk.toString("utf8", at, nl);
      at = nl + 1;
      this.onHeader(this.header);
      this.header = "";
    }
  }
  /** `<oid> <type> <size>`, or `<object> missing` / `<object> ambiguous`. */
  onHeader(line) {
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(line);
    const object = this.pending[0]?.object ?? "?";
    if (!m) {
      const why = line.endsWith(" missing") ? "does not exist" : line.endsWith(" ambiguous") ? "is ambiguous" : `gave an unexpected answer "${line.slice(0, 200)}"`;
      this.settle((p) => p.reject(new GitError([...ARGS], `${object} ${why}`)));
      return;
    }
    const size = Number(m[3]);
    if (m[2] !== "blob") {
      const entry = this.pending[0];
      const problem = `${object} is a ${m[2]}, not a file`;
      if (entry)
        this.pending[0] = { ...entry, resolve: () => entry.reject(new GitError([...ARGS], problem)) };
    }
    if (size === 0) {
      this.trailer = true;
      this.settle((p) => p.resolve(Buffer.alloc(0)));
      return;
    }
    this.body = Buffer.allocUnsafe(size);
    this.filled = 0;
  }
  settle(how) {
    const p = this.pending.shift();
    if (p) how(p);
    if (this.pending.length === 0 && this.child) setRef(this.child, false);
  }
};
function setRef(child, on) {
  for (const handle of [child, child.stdin, child.stdout, child.stderr])
    if (on) handle.ref?.();
    else handle.unref?.();
}

// src/git/exec.ts
import { spawn as spawn2 } from "node:child_process";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
var MAX_STDERR_CHARS = 64 * 1024;
function spawnGit(options, args) {
  const child = spawn2(options.gitPath ?? "git", args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    shell: false,
    windowsHide: true
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    if (stderr.length < MAX_STDERR_CHARS) stderr += chunk;
  });
  return { child, stderr: () => stderr };
}
function execGit(options, args) {
  return new Promise((resolve2, reject) => {
    const { child, stderr } = spawnGit(options, args);
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.on(
      "error",
      (error) => reject(new GitError(args, `could not start git (${error.message})`, "", null, { cause: error }))
    );
    child.on("close", (code, signal) => {
      if (code === null) {
        reject(new GitError(args, `killed by signal ${signal ?? "unknown"}`, stderr(), null));
        return;
      }
      resolve2({ stdout: Buffer.concat(chunks), stderr: stderr(), exitCode: code });
    });
  });
}
async function runGit(options, args) {
  const out = await execGit(options, args);
  if (out.exitCode !== 0)
    throw new GitError(args, `exited with code ${out.exitCode}`, out.stderr, out.exitCode);
  return out.stdout;
}
function runGitToFile(options, args, destination) {
  return new Promise((resolve2, reject) => {
    const { child, stderr } = spawnGit(options, args);
    const file = createWriteStream(destination);
    let failure;
    let exitCode;
    let fileClosed = false;
    const settle = () => {
      if (!fileClosed || exitCode === void 0) return;
      const error = failure ?? (exitCode !== 0 ? new GitError(args, `exited with code ${exitCode}`, stderr(), exitCode) : void 0);
      if (error === void 0) resolve2();
      else rm(destination, { force: true }).then(() => reject(error), reject);
    };
    child.stdout.pipe(file);
    file.on("error", (error) => {
      failure ??= new GitError(args, `could not write ${destination} (${error.message})`, "", null, {
        cause: error
      });
      child.kill();
    });
    file.on("close", () => {
      fileClosed = true;
      settle();
    });
    child.on("error", (error) => {
      failure ??= new GitError(args, `could not start git (${error.message})`, "", null, { cause: error });
      exitCode = null;
      file.end();
    });
    child.on("close", (code, signal) => {
      if (code === null)
        failure ??= new GitError(args, `killed by signal ${signal ?? "unknown"}`, stderr(), null);
      exitCode = code;
      settle();
    });
  });
}

// src/git/repo.ts
var SHA_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
function isFullSha(value2) {
  return SHA_PATTERN.test(value2);
}
function assertRevision(rev) {
  if (rev === "" || rev.startsWith("-") || /[\s\x00-\x1f\x7f:]/.test(rev) || rev.includes("..")) {
    throw new GitError([], `"${rev}" is not an acceptable revision (a commit SHA or a ref name is expected)`);
  }
}
function normaliseRepoPath(path2) {
  const trimmed = path2.replace(/^(?:\.\/)+/, "");
  const segments = trimmed.split("/");
  if (trimmed === "" || path2.startsWith("/") || path2.includes("\0") || segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new GitError([], `"${path2}" is not a repository-relative file path`);
  }
  return trimmed;
}
var GitRepo = class _GitRepo {
  constructor(root, exec) {
    this.root = root;
    this.exec = exec;
  }
  root;
  exec;
  batch;
  /** Opens the repository that contains `dir`. */
  static async open(dir, options = {}) {
    const out = await runGit({ ...options, cwd: dir }, ["rev-parse", "--show-toplevel"]);
    const root = out.toString("utf8").trim();
    return new _GitRepo(root, { ...options, cwd: root });
  }
  /** The full SHA of the commit a revision names; a GitError when it names none. */
  async resolveCommit(rev) {
    const sha = await this.tryResolveCommit(rev);
    if (sha === void 0) {
      throw new GitError(["rev-parse", "--verify", rev], `"${rev}" does not name a commit in ${this.root}`);
    }
    return sha;
  }
  /** Like resolveCommit, but undefined when the commit is not in the repository (e.g. not fetched). */
  async tryResolveCommit(rev) {
    assertRevision(rev);
    const args = ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`];
    const out = await execGit(this.exec, args);
    if (out.exitCode === 0) return out.stdout.toString("utf8").trim();
    if (out.exitCode === 1) return void 0;
    throw new GitError(args, `exited with code ${out.exitCode}`, out.stderr, out.exitCode);
  }
  /** The best common ancestor of two commits, or undefined when git finds none in the local history. */
  async mergeBase(a, b) {
    assertRevision(a);
    assertRevision(b);
    const args = ["merge-base", "--end-of-options", a, b];
    const out = await execGit(this.exec, args);
    if (out.exitCode === 0) return out.stdout.toString("utf8").trim();
    if (out.exitCode === 1 && out.stderr.trim() === "") return void 0;
    throw new GitError(args, `exited with code ${out.exitCode}`, out.stderr, out.exitCode);
  }
  /** `git diff --name-status -M from to`: every changed path, renames detected by content. */
  async diff(from, to, options = {}) {
    assertRevision(to);
    return this.nameStatus(from, [to], options);
  }
  /**
   * `git diff --name-status -M from`: every path the working tree changes against a commit (tracked
   * files only, renames detected by content); `untrackedFiles` has the rest.
   */
  async diffWorkingTree(from, options = {}) {
    return this.nameStatus(from, [], options);
  }
  /** Files in the working tree that git does not track and does not ignore. */
  async untrackedFiles() {
    return this.lsFiles(["--others", "--exclude-standard"]);
  }
  /** The working tree's files: tracked ones (deleted but unstaged included) and untracked, not ignored. */
  async workingTreeFiles() {
    return [...new Set(await this.lsFiles(["--cached", "--others", "--exclude-standard"]))];
  }
  async lsFiles(which) {
    const out = await runGit(this.exec, ["ls-files", "-z", ...which]);
    return out.toString("utf8").split("\0").filter((p) => p !== "");
  }
  async nameStatus(from, to, options) {
    assertRevision(from);
    const args = [
      "-c",
      "core.quotePath=false",
      "diff",
      "--name-status",
      "-z",
      "-M",
      ...options.renameLimit !== void 0 ? [`-l${Math.max(0, Math.floor(options.renameLimit))}`] : [],
      "--no-ext-diff",
      "--no-textconv",
      "--no-color",
      "--end-of-options",
      from,
      ...to,
      "--"
    ];
    const out = await runGit(this.exec, args);
    try {
      return parseNameStatus(out.toString("utf8"));
    } catch (error) {
      if (error instanceof NameStatusParseError)
        throw new GitError(args, error.message, "", 0, { cause: error });
      throw error;
    }
  }
  /** The repository's common git directory (shared by worktrees), absolute. */
  async commonDir() {
    const out = await runGit(this.exec, ["rev-parse", "--git-common-dir"]);
    return resolve(this.root, out.toString("utf8").trim());
  }
  /**
   * The raw bytes of a file at a revision (`git cat-file blob rev:path`), binary-safe and of any size.
   * With `filters`, the content is passed through the configured smudge filters, which for Git LFS may
   * start a download: model reading never asks for that (see `readModelBlob`).
   */
  async readBlob(rev, path2, options = {}) {
    const args = this.blobArgs(rev, path2, options.filters ?? false);
    const object = args[args.length - 1];
    if (options.filters || object.includes("\n")) return runGit(this.exec, args);
    this.batch ??= new BlobBatch(this.exec);
    try {
      return await this.batch.read(object);
    } catch (error) {
      if (error instanceof GitError) return runGit(this.exec, args);
      throw error;
    }
  }
  /** Ends the blob reader process (it also ends by itself when Node exits). */
  close() {
    this.batch?.close();
    this.batch = void 0;
  }
  /** Streams a file at a revision to `destination` (parents created), never holding it in memory. */
  async exportBlob(rev, path2, destination, options = {}) {
    await mkdir(dirname(destination), { recursive: true });
    await runGitToFile(this.exec, this.blobArgs(rev, path2, options.filters ?? false), destination);
  }
  /**
   * Writes files of a revision below `destinationDir` at their repository paths, so a model and its
   * external-data files keep their relative layout. Returns the written file paths.
   */
  async exportFiles(rev, paths, destinationDir) {
    const root = resolve(destinationDir);
    const written = [];
    for (const path2 of paths) {
      const target = join2(root, ...normaliseRepoPath(path2).split("/"));
      if (!target.startsWith(root + sep))
        throw new GitError([], `"${path2}" would be written outside ${root}`);
      await this.exportBlob(rev, path2, target);
      written.push(target);
    }
    return written;
  }
  /** The size in bytes of a file at a revision, without reading it. */
  async blobSize(rev, path2) {
    assertRevision(rev);
    const out = await runGit(this.exec, ["cat-file", "-s", `${rev}:${normaliseRepoPath(path2)}`]);
    return Number(out.toString("utf8").trim());
  }
  /** What a path is at a revision, or undefined when it does not exist there. */
  async entryKind(rev, path2) {
    assertRevision(rev);
    const wanted = normaliseRepoPath(path2);
    const args = [
      "--literal-pathspecs",
      "ls-tree",
      "-z",
      "--full-tree",
      "--end-of-options",
      rev,
      "--",
      wanted
    ];
    const out = await runGit(this.exec, args);
    for (const record of out.toString("utf8").split("\0")) {
      const tab = record.indexOf("	");
      if (tab < 0 || record.slice(tab + 1) !== wanted) continue;
      const [mode] = record.slice(0, tab).split(" ");
      switch (mode) {
        case "100644":
          return "file";
        case "100755":
          return "executable";
        case "120000":
          return "symlink";
        case "040000":
          return "directory";
        case "160000":
          return "submodule";
        default:
          throw new GitError(args, `unexpected tree entry mode ${mode ?? "?"} for ${wanted}`);
      }
    }
    return void 0;
  }
  /** Whether a regular file (or executable) exists at the path in the revision. */
  async fileExists(rev, path2) {
    const kind = await this.entryKind(rev, path2);
    return kind === "file" || kind === "executable";
  }
  /** Every file path in a revision's tree. */
  async listFiles(rev) {
    assertRevision(rev);
    const out = await runGit(this.exec, [
      "ls-tree",
      "-r",
      "-z",
      "--name-only",
      "--full-tree",
      "--end-of-options",
      rev
    ]);
    return out.toString("utf8").split("\0").filter((p) => p !== "");
  }
  /** Whether the repository is a shallow clone (history cut off at some depth). */
  async isShallow() {
    const out = await runGit(this.exec, ["rev-parse", "--is-shallow-repository"]);
    const answer = out.toString("utf8").trim();
    if (answer !== "true" && answer !== "false") {
      throw new GitError(["rev-parse", "--is-shallow-repository"], `unexpected answer "${answer}"`);
    }
    return answer === "true";
  }
  /** The configured remotes. */
  async remotes() {
    const out = await runGit(this.exec, ["remote"]);
    return out.toString("utf8").split("\n").map((r) => r.trim()).filter((r) => r !== "");
  }
  /** `git fetch --no-tags <remote> <sha>...`: fetches commits by id. Returns the arguments it ran. */
  async fetchCommits(remote, shas, options = {}) {
    if (remote === "" || remote.startsWith("-") || /\s/.test(remote)) {
      throw new GitError([], `"${remote}" is not an acceptable remote name`);
    }
    for (const sha of shas) {
      if (!isFullSha(sha)) throw new GitError([], `"${sha}" is not a full commit SHA; only SHAs are fetched`);
    }
    const args = [
      "fetch",
      "--no-tags",
      "--no-recurse-submodules",
      "--quiet",
      ...options.depth !== void 0 ? [`--depth=${Math.max(1, Math.floor(options.depth))}`] : [],
      remote,
      ...shas
    ];
    await runGit(this.exec, args);
    return args;
  }
  blobArgs(rev, path2, filters) {
    assertRevision(rev);
    const object = `${rev}:${normaliseRepoPath(path2)}`;
    return filters ? ["cat-file", "--filters", object] : ["cat-file", "blob", object];
  }
};
function resolveBeside(modelPath, location) {
  const inside = posix.normalize(location);
  if (posix.isAbsolute(inside) || inside === ".." || inside.startsWith("../") || inside === ".")
    return void 0;
  const dir = posix.dirname(modelPath);
  return dir === "." ? inside : `${dir}/${inside}`;
}

// src/git/external-data.ts
async function modelsWithChangedData(changedPaths, candidates, listLocations) {
  const changed = new Set(changedPaths);
  const changedDirs = /* @__PURE__ */ new Set();
  for (const path2 of changed) {
    for (let dir = posix2.dirname(path2); ; dir = posix2.dirname(dir)) {
      changedDirs.add(dir);
      if (dir === "." || dir === "/") break;
    }
  }
  const affected = [];
  for (const model of candidates) {
    if (changed.has(model) || !changedDirs.has(posix2.dirname(model))) continue;
    const locations = await listLocations(model);
    if (locations.some((location) => {
      const path2 = resolveBeside(model, location);
      return path2 !== void 0 && changed.has(path2);
    })) {
      affected.push(model);
    }
  }
  return affected;
}

// src/compare/run.ts
import { availableParallelism } from "node:os";

// src/reference/networks.ts
var Net = class {
  constructor(name) {
    this.name = name;
    this.b = new ModelBuilder({ opset: 13, producer: "model-energy-check reference networks" });
  }
  name;
  b;
  n = 0;
  id(kind) {
    this.n += 1;
    return `${kind}${this.n}`;
  }
  conv(x, cin, cout, k, s = 1, options = {}) {
    const groups = options.groups ?? 1;
    const name = this.id("conv");
    const w = this.b.weight(`${name}.weight`, [cout, cin / groups, k, k]);
    const bias = this.b.weight(`${name}.bias`, [cout]);
    const p = options.pad ?? Math.floor(k / 2);
    let y = this.b.node(
      "Conv",
      [x, w, bias],
      { kernel_shape: [k, k], strides: [s, s], pads: [p, p, p, p], group: groups, dilations: [1, 1] },
      { name }
    );
    y = this.act(y, options.act ?? "relu");
    return y;
  }
  act(x, act) {
    if (act === "relu") return this.b.node("Relu", [x], {}, { name: this.id("relu") });
    if (act === "relu6") {
      const lo = this.b.initializer(this.id("min"), { dataType: 1 /* FLOAT */, dims: [], values: [0] });
      const hi = this.b.initializer(this.id("max"), { dataType: 1 /* FLOAT */, dims: [], values: [6] });
      return this.b.node("Clip", [x, lo, hi], {}, { name: this.id("clip") });
    }
    return x;
  }
  maxpool(x, k, s, pad = 0, ceil = 0) {
    return this.b.node(
      "MaxPool",
      [x],
      { kernel_shape: [k, k], strides: [s, s], pads: [pad, pad, pad, pad], ceil_mode: ceil },
      { name: this.id("maxpool") }
    );
  }
  avgpool(x, k, s) {
    return this.b.node(
      "AveragePool",
      [x],
      { kernel_shape: [k, k], strides: [s, s] },
      { name: this.id("avgpool") }
    );
  }
  classifier(x, cin, classes = 1e3) {
    const gap = this.b.node("GlobalAveragePool", [x], {}, { name: this.id("gap") });
    const flat = this.b.node("Flatten", [gap], { axis: 1 }, { name: this.id("flatten") });
    return this.fc(flat, cin, classes, "none");
  }
  fc(x, cin, cout, act) {
    const name = this.id("fc");
    const w = this.b.weight(`${name}.weight`, [cout, cin]);
    const bias = this.b.weight(`${name}.bias`, [cout]);
    return this.act(this.b.node("Gemm", [x, w, bias], { transB: 1 }, { name }), act);
  }
  add(a, b) {
    return this.b.node("Add", [a, b], {}, { name: this.id("add") });
  }
  finish(y) {
    this.b.output(y, 1 /* FLOAT */, [1, 1e3]);
    return this.b.encode();
  }
};
function mobilenetV1(resolution = 224) {
  const net = new Net("mobilenet_v1");
  let x = net.b.input("input", 1 /* FLOAT */, [1, 3, resolution, resolution]);
  x = net.conv(x, 3, 32, 3, 2, { act: "relu6" });
  const blocks = [
    [32, 64, 1],
    [64, 128, 2],
    [128, 128, 1],
    [128, 256, 2],
    [256, 256, 1],
    [256, 512, 2],
    [512, 512, 1],
    [512, 512, 1],
    [512, 512, 1],
    [512, 512, 1],
    [512, 512, 1],
    [512, 1024, 2],
    [1024, 1024, 1]
  ];
  for (const [cin, cout, s] of blocks) {
    x = net.conv(x, cin, cin, 3, s, { groups: cin, act: "relu6" });
    x = net.conv(x, cin, cout, 1, 1, { act: "relu6" });
  }
  return net.finish(net.classifier(x, 1024));
}

// src/compare/price.ts
function modelStats(a) {
  return {
    macs: a.totals.macs,
    flops: a.totals.flops,
    params: a.totals.params,
    bytes: a.totals.bytes,
    kernels: a.totals.kernels,
    format: a.model.format,
    precision: describePrecision(a.precision)
  };
}
async function priceAnalysis(analysis, targets) {
  const predictions = await predictTargets(
    targets.map((t) => t.bundle),
    analysis.kernels
  );
  return {
    stats: modelStats(analysis),
    analysis,
    predictions: new Map(predictions.map((p) => [p.bundle, p]))
  };
}
async function runTargets(bundles) {
  const reference = await analyzeBytes(mobilenetV1(), "reference/mobilenet_v1-224.onnx", {
    runtimeFallback: false
  });
  const predictions = await predictTargets(bundles, reference.kernels);
  return bundles.map((bundle, i) => {
    const m = bundle.manifest;
    const device = deviceInfo(m.device);
    const p = predictions[i];
    return {
      target: {
        bundle: m.id,
        device: m.device,
        deviceName: m.deviceName ?? device?.name ?? m.device,
        processor: m.processor
      },
      bundle,
      referenceMj: p.energyMj ?? p.latencyMs ?? 0,
      ...device ? { batteryMah: device.batteryMah } : {}
    };
  });
}

// src/compare/run.ts
function toChangedModel(c) {
  return {
    status: c.status === "deleted" ? "removed" : c.status === "renamed" ? "renamed" : c.status === "modified" ? "modified" : "added",
    path: c.path,
    ...c.status === "renamed" && c.previousPath ? { previousPath: c.previousPath } : {}
  };
}
async function compareChanges(inputs) {
  const used = /* @__PURE__ */ new Set();
  const limit = Math.max(1, Math.floor(inputs.concurrency ?? Math.max(2, availableParallelism())));
  const settled = await mapConcurrent(inputs.changes, limit, async (change) => {
    const warnings = [];
    const comparison = await compareChange(change, { ...inputs, onWarning: (w) => warnings.push(w) }, used);
    return { comparison, warnings };
  });
  const results = [];
  for (const { comparison, warnings } of settled) {
    results.push(comparison);
    for (const w of warnings) inputs.onWarning?.(w);
  }
  const unused = Object.keys(inputs.dims ?? {}).filter((d) => !used.has(d));
  if (unused.length > 0 && results.some((m) => m.head !== void 0 || m.base !== void 0)) {
    inputs.onWarning?.(
      `--dim ${unused.map((d) => `${d}=${inputs.dims?.[d]}`).join(", --dim ")} ignored, no compared model has such a dim`
    );
  }
  return results;
}
async function compareChange(change, inputs, usedDims) {
  const notes = [];
  const dimsOf = (path2) => modelDims(inputs.config, path2, inputs.prDims);
  const configDims = (path2) => dimsOf(path2).values;
  const options = (path2) => ({
    dims: { ...configDims(path2), ...inputs.dims },
    runtimeFallback: inputs.runtimeFallback ?? true
  });
  let base;
  let head;
  let error;
  if (change.status !== "added") {
    const basePath = change.previousPath ?? change.path;
    try {
      const bytes = await inputs.readBase(basePath);
      base = await priceAnalysis(await analyzeBytes(bytes, basePath, options(basePath)), inputs.targets);
    } catch (e) {
      if (!isModelProblem(e) || inputs.strict) throw e;
      notes.push(
        `the base version${inputs.baseLabel ? ` (${inputs.baseLabel})` : ""} could not be analysed, so there is no baseline: ${messageOf2(e)}`
      );
    }
  }
  if (change.status !== "removed") {
    try {
      const bytes = await inputs.readHead(change.path);
      head = await priceAnalysis(
        await analyzeBytes(bytes, change.path, options(change.path)),
        inputs.targets
      );
      const bound = Object.entries(head.analysis.boundDims);
      if (bound.length > 0)
        notes.push(`symbolic dims bound to ${bound.map(([k, v]) => `${k}=${v}`).join(", ")}`);
      if (head.analysis.shapesDecidedBy === "runtime")
        notes.push("some shapes were decided by running the model once in onnxruntime");
    } catch (e) {
      if (!isModelProblem(e) || inputs.strict) throw e;
      const message = messageOf2(e);
      error = message.startsWith(`${change.path}: `) ? message.slice(change.path.length + 2) : message;
    }
  }
  const own = dimsOf(change.path);
  const ownUsed = Object.entries(own.values).filter(
    ([d]) => inputs.dims?.[d] === void 0 && (head ?? base)?.analysis.boundDims[d] !== void 0
  );
  if (own.from === "pr" && ownUsed.length > 0)
    notes.push(
      `dims ${ownUsed.map(([k, v]) => `${k}=${v}`).join(", ")} from this PR\u2019s config: the merge-base config has no dims for this model`
    );
  const analysed = [head?.analysis, base?.analysis].filter((a) => a !== void 0);
  for (const a of analysed) for (const d of Object.keys(a.boundDims)) usedDims.add(d);
  if (analysed.length > 0) {
    const fromConfig = Object.fromEntries(
      Object.entries(configDims(change.path)).filter(([d]) => inputs.dims?.[d] === void 0)
    );
    const { unused, has } = unusedDims(fromConfig, {
      boundDims: Object.assign({}, ...analysed.map((a) => a.boundDims))
    });
    if (unused.length > 0)
      notes.push(
        `the config's dims ${unused.map((d) => `${d}=${fromConfig[d]}`).join(", ")} ignored, the model has no such dim; ${has}`
      );
  }
  const sides = [
    ...head ? [{ side: "head", dims: sizeDimsDefaulted(head.analysis.defaultedDims) }] : [],
    ...base ? [{ side: "base", dims: sizeDimsDefaulted(base.analysis.defaultedDims) }] : []
  ].filter((s) => s.dims.length > 0);
  let unsetDims;
  if (sides.length > 0 && error === void 0) {
    const dims = uniqueByName(sides.flatMap((s) => s.dims));
    unsetDims = dims.map(dimLabel);
    const which = sides.length === 2 || change.status === "added" ? "" : ` (${sides[0].side} version)`;
    inputs.onWarning?.(unsetDimsWarning(change.path, which, dims));
  }
  const versions = {
    path: change.path,
    ...change.previousPath ? { previousPath: change.previousPath } : {},
    status: change.status,
    ...base ? { base } : {},
    ...head ? { head } : {},
    notes,
    ...error ? { error } : {},
    ...unsetDims ? { unsetDims } : {}
  };
  return compareModel(versions, inputs.targets, inputs.config);
}
async function mapConcurrent(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
function uniqueByName(dims) {
  const seen = /* @__PURE__ */ new Set();
  return dims.filter((d) => !seen.has(d.name) && seen.add(d.name));
}
function dimLabel(d) {
  return d.name.startsWith("?") ? `an unnamed dim (axis ${d.axis} of input '${d.input}')` : d.name;
}
function unsetDimsWarning(path2, which, dims) {
  const named = dims.filter((d) => !d.name.startsWith("?"));
  const unnamed = dims.filter((d) => d.name.startsWith("?"));
  const inputs = [...new Map(dims.map((d) => [d.input, d.declared])).entries()].map(([name, shape]) => `'${name}' ${shape}`).join(", ");
  const fix = [];
  if (named.length > 0) {
    fix.push(
      `set ${named.length === 1 ? "it" : "them"} with ${named.map((d) => `--dim ${d.name}=VALUE`).join(" ")} on the CLI, or in the config: dims: { '${path2}': { ${named.map((d) => `${d.name}: VALUE`).join(", ")} } }`
    );
  }
  if (unnamed.length > 0)
    fix.push("an unnamed dim cannot be set: export the model with a fixed size or a named dim there");
  return `${path2}${which}: ${unsetDimsText(dims.map(dimLabel))} (input ${inputs}), so its energy is that of a tiny input, not the deployed one; ${fix.join("; ")}`;
}
function isModelProblem(e) {
  return e instanceof ModelLoadError || e instanceof GitError;
}
function messageOf2(e) {
  return e instanceof Error ? e.message : String(e);
}

// src/compare/policy.ts
function decideConfig(inputs) {
  const { mergeBase, head } = inputs;
  const defaults = parseConfig(void 0, { file: inputs.configPath });
  const parse = (side) => parseConfig(side.text, { file: side.file, knownDevices: inputs.knownDevices });
  const usesBase = inputs.budgetsFrom === "base" && mergeBase !== void 0;
  const headEdits = mergeBase !== void 0 && head.text !== mergeBase.text;
  const problems = [];
  let baseConfig = defaults;
  let baseInvalid = false;
  if (mergeBase) {
    try {
      baseConfig = parse(mergeBase);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      baseInvalid = true;
      problems.push(
        `the config at the merge base is invalid, so no budgets from it apply to this run (defaults instead): ${error.message}`
      );
    }
  }
  let headConfig = defaults;
  let headProblem;
  try {
    headConfig = parse(head);
  } catch (error) {
    if (!(error instanceof ConfigError) || !usesBase) throw error;
    headProblem = error.message;
    if (!baseInvalid) {
      problems.push(
        `${inputs.headName} makes the config invalid; after merging, later runs would fall back to the default budgets: ${error.message}`
      );
    }
  }
  const configChanges = headProblem !== void 0 ? headEdits ? [
    baseInvalid ? `${inputs.headName} edits the config, which is invalid at the merge base and still invalid at the head: ${headProblem}` : `${inputs.headName} makes the config invalid: ${headProblem}`
  ] : [] : baseInvalid && headEdits ? [`${inputs.headName} fixes the invalid config; its budgets apply once it is merged`] : mergeBase && !baseInvalid ? diffConfigs(baseConfig, headConfig).map((c) => c.text) : [];
  const judging = usesBase ? baseConfig : headConfig;
  return {
    config: withOverrides(judging, inputs.overrides ?? {}),
    budgetsFrom: usesBase ? "base" : "head",
    budgetsFile: usesBase ? {
      file: mergeBase.text !== void 0 ? mergeBase.file : inputs.configPath,
      exists: mergeBase.text !== void 0,
      side: "merge-base"
    } : { file: inputs.configPath, exists: head.text !== void 0, side: "head" },
    ...usesBase && headProblem === void 0 ? { prDims: headConfig.dims } : {},
    configChanges,
    problems
  };
}
async function listModelChanges(config, changed, head, onWarning) {
  const checked = (p) => isCheckedModel(config, p);
  if (changed === void 0) return head.files.filter(checked).map((path2) => ({ status: "added", path: path2 }));
  const selected = selectChanges(changed, checked);
  const touched = new Set(changed.flatMap((c) => [c.path, ...c.previousPath ? [c.previousPath] : []]));
  const selectedPaths = new Set(selected.map((c) => c.path));
  const candidates = head.files.filter((p) => checked(p) && !selectedPaths.has(p));
  const dataChanged = await modelsWithChangedData(touched, candidates, async (model) => {
    try {
      const m = readModelBuffer(await head.read(model), model);
      return [...m.graph.initializers.values()].flatMap((t) => t.external ? [t.external.location] : []);
    } catch (error) {
      onWarning(
        `could not read the external-data locations of ${model}: ${error instanceof Error ? error.message : String(error)}`
      );
      return [];
    }
  });
  return [
    ...selected.map(toChangedModel),
    ...dataChanged.map((path2) => ({ status: "modified", path: path2 }))
  ];
}

// src/compare/plan.ts
function commitSide(repo, sha) {
  return {
    label: sha.slice(0, 7),
    configText: async (path2) => await repo.fileExists(sha, path2) ? (await repo.readBlob(sha, path2)).toString("utf8") : void 0,
    files: () => repo.listFiles(sha),
    raw: (path2) => readModelBytes(repo, sha, path2)
  };
}
function workingTreeSide(repo, label) {
  const full = (path2) => join3(repo.root, ...path2.split("/"));
  return {
    label,
    configText: async (path2) => {
      try {
        return await readFile3(full(path2), "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return void 0;
        throw error;
      }
    },
    // Tracked files deleted but not staged are listed by git, yet not there to read.
    files: async () => (await repo.workingTreeFiles()).filter((p) => existsSync(full(p))),
    raw: async (path2) => {
      try {
        return await readFile3(full(path2));
      } catch (error) {
        throw new ModelLoadError(path2, `cannot read the file (${error.message})`, {
          cause: error
        });
      }
    }
  };
}
async function planComparison(inputs) {
  const { repo, mergeBase, configPath } = inputs;
  const untracked = inputs.head.kind === "working-tree" ? await repo.untrackedFiles() : [];
  const added = untracked.map((path2) => ({ status: "added", path: path2 }));
  const base = mergeBase !== void 0 ? commitSide(repo, mergeBase) : void 0;
  const headLabel = inputs.head.sha.slice(0, 7);
  const head = inputs.head.kind === "commit" ? commitSide(repo, inputs.head.sha) : workingTreeSide(repo, headLabel);
  const configAt = async (side, at) => ({
    text: await side.configText(configPath),
    file: at ? `${configPath}@${side.label}` : configPath
  });
  const policy = decideConfig({
    configPath,
    ...base ? { mergeBase: await configAt(base, true) } : {},
    head: await configAt(head, inputs.head.kind === "commit"),
    budgetsFrom: inputs.budgetsFrom,
    knownDevices: inputs.knownDevices,
    ...inputs.overrides ? { overrides: inputs.overrides } : {},
    headName: inputs.head.kind === "commit" ? "this PR" : "the working tree"
  });
  const { config } = policy;
  const changed = mergeBase === void 0 ? void 0 : inputs.head.kind === "working-tree" ? [...await repo.diffWorkingTree(mergeBase), ...added] : inputs.changed ?? await repo.diff(mergeBase, inputs.head.sha);
  const changes = await listModelChanges(
    config,
    changed,
    { files: await head.files(), read: (p) => head.raw(p) },
    inputs.onWarning
  );
  const isWorkingTree = inputs.head.kind === "working-tree" && [...touchedPaths(await repo.diffWorkingTree(inputs.head.sha)), ...untracked].some(
    (p) => p === configPath || isCheckedModel(config, p)
  );
  const read = (side) => async (path2) => inflateModelAsync(await side.raw(path2), path2);
  return {
    config,
    budgetsFile: policy.budgetsFile,
    comparison: {
      changes,
      readBase: read(base ?? head),
      readHead: read(head),
      config,
      ...policy.prDims ? { prDims: policy.prDims } : {},
      ...mergeBase ? { baseLabel: `merge base ${mergeBase.slice(0, 7)}` } : {},
      headLabel: isWorkingTree ? "working tree" : headLabel
    },
    report: {
      headSha: inputs.head.sha,
      ...isWorkingTree ? { headIsWorkingTree: true } : {},
      ...mergeBase ? { mergeBaseSha: mergeBase } : {},
      configChanges: policy.configChanges,
      budgetsFrom: policy.budgetsFrom,
      budgetsConfigured: config.budgets.length,
      problems: policy.problems
    }
  };
}

// src/git/history.ts
var DEFAULT_DEPTHS = [50, 500, 5e3];
var FULL_HISTORY_ADVICE = "Set `fetch-depth: 0` on actions/checkout (with: { fetch-depth: 0 }) so the full history is available.";
async function ensureMergeBase(repo, baseRev, headRev, options = {}) {
  const remote = options.remote ?? "origin";
  const depths = options.depths ?? DEFAULT_DEPTHS;
  const advice = options.advice ?? FULL_HISTORY_ADVICE;
  const fetches = [];
  const knownBase = await repo.tryResolveCommit(baseRev);
  const knownHead = await repo.tryResolveCommit(headRev);
  const shallow = await repo.isShallow();
  const fetchOrExplain = async (shas, depth) => {
    try {
      fetches.push(await repo.fetchCommits(remote, shas, depth !== void 0 ? { depth } : {}));
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      throw new GitError(
        error.args,
        `could not fetch ${shas.join(", ")} from ${remote} to find the merge base. ${advice}`,
        error.stderr,
        error.exitCode,
        { cause: error }
      );
    }
  };
  const missing = [
    ...knownBase === void 0 ? [baseRev] : [],
    ...knownHead === void 0 ? [headRev] : []
  ];
  let nextDepth = 0;
  if (missing.length > 0) {
    const unfetchable = missing.filter((rev) => !isFullSha(rev));
    if (unfetchable.length > 0) {
      const names = unfetchable.map((r) => `"${r}"`).join(" and ");
      throw new GitError(
        [],
        `${names} ${unfetchable.length > 1 ? "do" : "does"} not name a commit in ${repo.root} and only full SHAs can be fetched. ${advice}`
      );
    }
    await fetchOrExplain(missing, shallow ? depths[nextDepth++] : void 0);
  }
  const base = knownBase ?? await repo.resolveCommit(baseRev);
  const head = knownHead ?? await repo.resolveCommit(headRev);
  let mergeBase = await repo.mergeBase(base, head);
  if (mergeBase !== void 0) return { mergeBase, base, head, fetches };
  if (!shallow) {
    throw new GitError(
      ["merge-base", base, head],
      `${base} and ${head} have no common history; there is no merge base to compare against`
    );
  }
  let lastDepth = nextDepth > 0 ? depths[nextDepth - 1] ?? 0 : 0;
  for (const depth of depths.slice(nextDepth)) {
    lastDepth = depth;
    await fetchOrExplain([base, head], depth);
    mergeBase = await repo.mergeBase(base, head);
    if (mergeBase !== void 0) return { mergeBase, base, head, fetches };
  }
  throw new GitError(
    ["merge-base", base, head],
    `the checkout is shallow and no merge base of ${base} and ${head} was found within ${lastDepth} commits of either fetched from ${remote}. ${advice}`
  );
}

// src/report/escape.ts
var JOINER = "\u2060";
var CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
var INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
var DEFAULT_MAX = 500;
function clean(text, max = DEFAULT_MAX) {
  const plain = text.replace(CONTROLS, " ").replace(INVISIBLE, "\uFFFD");
  const points = Array.from(plain);
  return points.length <= max ? plain : `${points.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}
function defuse(text) {
  return text.replace(/@/g, `@${JOINER}`).replace(/#(?=\d)/g, `#${JOINER}`).replace(/(gh)-(?=\d)/gi, `$1-${JOINER}`).replace(/:\/\//g, `:${JOINER}//`).replace(/\b(www)\./gi, `$1${JOINER}.`);
}
var MARKDOWN_SPECIAL = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  // `$` starts GitHub's math; an entity is not a delimiter, and renders as "$".
  $: "&#36;",
  "\\": "\\\\",
  "`": "\\`",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
  "|": "\\|",
  "~": "\\~"
};
function escapeMarkdown(text, max = DEFAULT_MAX) {
  return defuse(clean(text, max)).replace(/[&<>$\\`*_[\]|~]/g, (c) => MARKDOWN_SPECIAL[c] ?? c);
}
function escapeWithCode(text, options = {}) {
  const plain = clean(text, options.max ?? DEFAULT_MAX);
  let out = "";
  let at = 0;
  for (const m of plain.matchAll(/`([^`\n]+)`/g)) {
    out += escapeMarkdown(plain.slice(at, m.index), Number.POSITIVE_INFINITY);
    out += inlineCode(m[1] ?? "", { inTable: options.inTable ?? false, max: Number.POSITIVE_INFINITY });
    at = m.index + m[0].length;
  }
  return out + escapeMarkdown(plain.slice(at), Number.POSITIVE_INFINITY);
}
var HTML_SPECIAL = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function escapeHtml(text, max = DEFAULT_MAX) {
  return defuse(clean(text, max)).replace(/[&<>"']/g, (c) => HTML_SPECIAL[c] ?? c);
}
function inlineCode(text, options = {}) {
  let body = clean(text, options.max ?? DEFAULT_MAX);
  if (body.trim() === "") return "(empty)";
  if (options.inTable) body = body.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^[`\s]|[`\s]$/.test(body) ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}
function safeUrl(url) {
  if (url === void 0) return void 0;
  let parsed;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) return void 0;
    throw error;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return void 0;
  return parsed.href.replace(
    /[()<>\s"'`\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}
var ENTITIES = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&#36;": "$",
  "&quot;": '"',
  "&#39;": "'"
};
function markdownToPlain(markdown) {
  const text = markdown.replace(/<\/?sub>/g, "");
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      out += text[++i];
    } else if (c === "`") {
      let run = 1;
      while (text[i + run] === "`") run++;
      const fence = "`".repeat(run);
      const end = text.indexOf(fence, i + run);
      if (end < 0) {
        out += fence;
        i += run - 1;
        continue;
      }
      let body = text.slice(i + run, end);
      if (/^ .* $/.test(body)) body = body.slice(1, -1);
      out += body.replace(/\\\|/g, "|");
      i = end + run - 1;
    } else if (c === "&") {
      const entity = Object.keys(ENTITIES).find((e) => text.startsWith(e, i));
      out += entity !== void 0 ? ENTITIES[entity] : c;
      if (entity !== void 0) i += entity.length - 1;
    } else if (c !== "*") {
      out += c;
    }
  }
  return out.replace(new RegExp(JOINER, "g"), "");
}

// src/format/numbers.ts
function significant(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const rounded = Number(x.toPrecision(digits));
  if (rounded === 0) return "0";
  const magnitude2 = Math.floor(Math.log10(Math.abs(rounded)));
  const decimals = Math.max(0, digits - 1 - magnitude2);
  const text = rounded.toFixed(decimals);
  return decimals === 0 ? groupThousands(text) : text;
}
function groupThousands(text) {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign = "", int = "", frac = ""] = match;
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac}`;
}
function signOf(x, text) {
  if (text === "0" || /^-?0(\.0+)?$/.test(text)) return text.replace(/^-/, "");
  return x > 0 ? `+${text}` : text;
}
function formatMj(mj) {
  return `${significant(mj)} mJ`;
}
function formatDeltaMj(mj) {
  return `${signOf(mj, significant(mj))} mJ`;
}
function formatPct(pct, signed = false) {
  const abs = Math.abs(pct);
  const decimals = abs < 1 ? 2 : abs < 100 ? 1 : 0;
  const text = decimals === 0 ? groupThousands(pct.toFixed(0)) : pct.toFixed(decimals);
  return `${signed ? signOf(pct, text) : text.replace(/^-(0(\.0+)?)$/, "$1")}%`;
}
function formatRangePct(mj, range) {
  if (mj <= 0) return "\xB10%";
  const half = Math.max(range[1] - mj, mj - range[0], 0);
  const pct = 100 * half / mj;
  return `\xB1${pct < 10 ? significant(pct, 2) : pct.toFixed(0)}%`;
}
function formatEnergyWithRange(mj, range) {
  return `${formatMj(mj)} (${formatRangePct(mj, range)})`;
}
function formatRange(range) {
  return `[${significant(range[0])}, ${significant(range[1])}] mJ`;
}
var PREFIXES = [
  [1e15, "P"],
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"]
];
function formatCount(n, unit = "") {
  const abs = Math.abs(n);
  const space = unit === "" ? "" : " ";
  for (const [scale, prefix] of PREFIXES) {
    if (Number(abs.toPrecision(3)) >= scale) return `${significant(n / scale)}${space}${prefix}${unit}`;
  }
  return `${Number.isInteger(n) ? String(n) : significant(n)}${space}${unit}`;
}
function formatInteger(n) {
  if (Math.abs(n) >= 1e7) return formatCount(n);
  return groupThousands(Math.round(n).toFixed(0));
}
function shortSha(sha) {
  return sha.slice(0, 7);
}

// src/report/reasons.ts
function reasonText(reason, wording = {}) {
  switch (reason.kind) {
    case "limit":
      return limitText(reason, wording.budget ?? true);
    case "regression":
      return `energy increased ${reason.deltaPct !== void 0 ? `${formatPct(reason.deltaPct, true)} ` : ""}and fail-on is 'regression'`;
    case "no-baseline":
      return "no baseline: the base version could not be analysed, so budgets against the base were not checked";
    case "unset-dims":
      return `${unsetDimsText(reason.dims)}: a tiny input, not the deployed one`;
  }
}
function limitText(r, withBudget) {
  const unit = LIMIT_UNITS[r.limit];
  const suffix = unit === "%" ? "%" : unit ? ` ${unit}` : "";
  const show = (n) => `${formatNumber(n)}${suffix}`;
  const showActual = (n, signed = false) => unit === "%" ? trimZeros(formatPct(n, signed)) : `${signed && n > 0 ? "+" : ""}${formatNumber(Number(n.toPrecision(4)))}${suffix}`;
  const subject = r.limit === "maxMj" ? `${showActual(r.actual)} per inference` : r.limit === "minScore" ? `score ${showActual(r.actual)}` : `${showActual(r.actual, true)} over the base`;
  const relation = LIMIT_DIRECTION[r.limit] === "upper" ? "above" : "below";
  const which = withBudget ? ` (budget ${r.budget}: ${r.models.join(", ")})` : "";
  return `${subject} is ${relation} ${LIMIT_KEYS[r.limit]} ${r.level} ${show(r.threshold)}${which}`;
}
function trimZeros(pct) {
  return pct.replace(/(\.\d*?)0+%$/, "$1%").replace(/\.%$/, "%");
}

// src/report/cells.ts
var STATUS_MARK = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C" };
var SEVERITY = { pass: 0, warn: 1, fail: 2 };
var path = (p) => inlineCode(p, { inTable: true, max: 300 });
var pathText = (p) => inlineCode(p, { max: 300 });
function targetLabel(target) {
  return `${escapeMarkdown(target.deviceName, 80)} ${target.processor.toUpperCase()}`;
}
function previousPath(m) {
  return m.previousPath !== void 0 && m.previousPath !== m.path ? m.previousPath : void 0;
}
function modelCell(m) {
  const before = previousPath(m);
  const paths = before !== void 0 ? `${path(before)} \u2192 ${path(m.path)}` : path(m.path);
  switch (m.status) {
    case "added":
      return `${path(m.path)} *new*`;
    case "removed":
      return `${path(m.path)} *removed*`;
    case "renamed":
      return `${paths} *renamed*`;
    case "modified":
      return paths;
  }
}
function modelText(m) {
  const before = m.status === "added" || m.status === "removed" ? void 0 : previousPath(m);
  return before !== void 0 ? `${pathText(before)} \u2192 ${pathText(m.path)}` : pathText(m.path);
}
function lacksBaseline(m) {
  return m.error === void 0 && (m.status === "modified" || m.status === "renamed") && m.base === void 0;
}
function isUnpriced(m) {
  return m.error !== void 0 && m.head !== void 0;
}
function noBudgetApplied(budget) {
  return budget.status === "pass" && budget.applied !== void 0 && budget.applied.length === 0;
}
var NO_BUDGET_CELL = "\u2014 no budget";
var REMOVED_BUDGET_CELL = "\u2014 removed";
function removedUnchecked(budget) {
  return budget.status === "pass" && budget.reasons.length === 0;
}
function budgetCell(t) {
  const { budget } = t;
  if (t.change === "removed" && removedUnchecked(budget)) return REMOVED_BUDGET_CELL;
  if (noBudgetApplied(budget)) return NO_BUDGET_CELL;
  const { status, reasons } = budget;
  const shown = reasons.slice(0, 3).map((r) => escapeMarkdown(reasonText(r), 160));
  if (reasons.length > shown.length) shown.push(`${reasons.length - shown.length} more`);
  return [STATUS_MARK[status], shown.join("; ")].filter((s) => s !== "").join(" ");
}
var UNSIZED_CELL = "\u2014 not at a real input size";
function isUnsized(m) {
  return (m.unsetDims?.length ?? 0) > 0;
}
function gradeCell(m, base, head) {
  if (!head) return "\u2014";
  if (isUnsized(m)) return UNSIZED_CELL;
  if (base) return base.grade === head.grade ? head.grade : `${base.grade} \u2192 ${head.grade}`;
  return head.grade;
}
function energyCell(e) {
  return e ? formatEnergyWithRange(e.energyMj, e.energyRangeMj) : "\u2014";
}
function delta(t) {
  const mj = t.deltaMj ?? (t.base && t.head ? t.head.energyMj - t.base.energyMj : void 0);
  const pct = t.deltaPct ?? (mj !== void 0 && t.base && t.base.energyMj > 0 ? 100 * mj / t.base.energyMj : void 0);
  return { ...mj !== void 0 ? { mj } : {}, ...pct !== void 0 ? { pct } : {} };
}
function deltaCells(m, t) {
  const { mj, pct } = delta(t);
  switch (t.change) {
    case "unchanged":
      return ["unchanged", ""];
    case "new":
      return [lacksBaseline(m) ? "no baseline" : "new", ""];
    case "removed":
      return ["removed", ""];
    case "increase":
    case "decrease":
      return [
        mj !== void 0 ? formatDeltaMj(mj) : "",
        pct !== void 0 ? `${t.change === "increase" ? "\u25B2" : "\u25BC"} ${formatPct(pct, true)}` : ""
      ];
  }
}
function batteryCell(m, t) {
  if (t.head && isUnsized(m)) return UNSIZED_CELL;
  const n = t.head?.inferencesPerBatteryPercent;
  if (n === void 0) return "\u2014";
  return Number.isFinite(n) ? formatInteger(n) : "\u221E";
}

// node_modules/markdown-table/index.js
function defaultStringLength(value2) {
  return value2.length;
}
function markdownTable(table2, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table2.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table2[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table2[rowIndex].length;
    }
    while (++columnIndex2 < table2[rowIndex].length) {
      const cell = serialize(table2[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code === 99) {
      before = ":";
      after = ":";
    } else if (code === 108) {
      before = ":";
    } else if (code === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code = alignments[columnIndex];
        if (code === 114) {
          before = " ".repeat(size);
        } else if (code === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value2) {
  return value2 === null || value2 === void 0 ? "" : String(value2);
}
function toAlignment(value2) {
  const code = typeof value2 === "string" ? value2.codePointAt(0) : 0;
  return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}

// src/report/blocks.ts
function blocksToString(blocks) {
  let out = "";
  const visit = (block) => {
    if (typeof block === "string") {
      out += block;
      return;
    }
    out += block.open;
    block.children.forEach(visit);
    out += block.close;
  };
  blocks.forEach(visit);
  return out;
}
var paragraph = (text) => `${text}

`;
function table(columns, rows) {
  const lines = markdownTable(
    [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))],
    { align: columns.map((c) => c.align ?? "l"), alignDelimiters: false }
  ).split("\n");
  return {
    open: `${lines.slice(0, 2).join("\n")}
`,
    children: lines.slice(2).map((l) => `${l}
`),
    close: "\n"
  };
}
function details(summary, children) {
  return {
    open: `<details><summary>${escapeHtml(summary)}</summary>

`,
    children,
    close: "</details>\n\n"
  };
}

// src/report/mermaid.ts
function mermaidLabel(text, max = 60) {
  const safe = text.replace(/[^A-Za-z0-9 +.,:/()_-]/g, " ").replace(/\s+/g, " ").trim();
  return safe.length <= max ? safe : `${safe.slice(0, max - 3)}...`;
}
function value(mj) {
  if (!Number.isFinite(mj) || mj === 0) return "0";
  return String(Number(mj.toPrecision(4)));
}
function energyByTypeChart(input) {
  const { base, head } = input;
  const types = /* @__PURE__ */ new Set();
  for (const side of [base, head]) {
    for (const [type, mj] of Object.entries(side ?? {}))
      if (mj > 0) types.add(type);
  }
  if (types.size === 0) return void 0;
  const energy2 = (side, type) => side?.[type] ?? 0;
  const ordered = [...types].sort(
    (a, b) => Math.max(energy2(head, b), energy2(base, b)) - Math.max(energy2(head, a), energy2(base, a)) || a.localeCompare(b)
  );
  const bars = head ?? base;
  const lines = [
    "xychart-beta horizontal",
    `  title "${mermaidLabel(input.title)}"`,
    `  x-axis [${ordered.map((t) => `"${mermaidLabel(t)}"`).join(", ")}]`,
    '  y-axis "mJ"',
    `  bar [${ordered.map((t) => value(energy2(bars, t))).join(", ")}]`
  ];
  if (head && base) lines.push(`  line [${ordered.map((t) => value(energy2(base, t))).join(", ")}]`);
  return ["```mermaid", ...lines, "```"].join("\n");
}

// src/compare/change.ts
function energyChanged(m) {
  if (m.error !== void 0 || m.status === "added" || m.status === "removed") return true;
  if (m.base === void 0 || m.head === void 0 || m.targets.length === 0) return true;
  return m.targets.some((t) => t.change !== "unchanged");
}
function reportEnergyChanged(report) {
  return report.models.some(energyChanged);
}

// src/report/ranking.ts
function magnitude(m) {
  if (m.error !== void 0 || m.status === "added" || m.status === "removed")
    return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (const t of m.targets) {
    if (t.change === "new" || t.change === "removed") return Number.POSITIVE_INFINITY;
    if (t.change === "unchanged") continue;
    const { pct, mj } = delta(t);
    worst = Math.max(
      worst,
      pct !== void 0 ? Math.abs(pct) : mj !== void 0 ? Number.POSITIVE_INFINITY : 0
    );
  }
  return worst;
}
function rankModels(models) {
  const keyed = models.map((m) => ({ m, severity: SEVERITY[m.budget], size: magnitude(m) }));
  keyed.sort(
    (a, b) => b.severity - a.severity || (a.size === b.size ? 0 : b.size > a.size ? 1 : -1) || (a.m.path < b.m.path ? -1 : a.m.path > b.m.path ? 1 : 0)
  );
  return keyed.map((k) => k.m);
}
function modelChange(m) {
  if (isUnpriced(m)) return "unpriced";
  if (m.error !== void 0) return "error";
  if (m.status === "added") return "new";
  if (lacksBaseline(m)) return "no-baseline";
  if (m.status === "removed") return "removed";
  if (!energyChanged(m)) return "unchanged";
  const up = m.targets.some((t) => t.change === "increase");
  const down = m.targets.some((t) => t.change === "decrease");
  return up && down ? "mixed" : up ? "increased" : down ? "decreased" : "other-targets";
}
var CHANGE_WORDS = {
  error: "not analysed",
  unpriced: "not priced",
  new: "new",
  "no-baseline": "without baseline",
  removed: "removed",
  increased: "increased",
  decreased: "decreased",
  mixed: "up on some targets, down on others",
  "other-targets": "priced on other targets",
  unchanged: "unchanged"
};
function plural(n, one, many = `${one}s`) {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}
function modelCounts(models) {
  const statuses = ["fail", "warn", "pass"].map((s) => [s, models.filter((m) => m.budget === s).length]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const changes = Object.keys(CHANGE_WORDS).map((c) => [c, models.filter((m) => modelChange(m) === c).length]).filter(([, n]) => n > 0).map(([c, n]) => `${n} ${CHANGE_WORDS[c]}`);
  return `${plural(models.length, "model")}: ${statuses.join(", ")} \xB7 ${changes.join(", ")}`;
}
function targetCount(report) {
  const keys = new Set(report.bundles.map((b) => b.id));
  for (const m of report.models) for (const t of m.targets) keys.add(t.target.bundle);
  return keys.size;
}
function worstTarget(report) {
  let best;
  for (const model of report.models) {
    for (const target of model.targets) {
      const { pct } = delta(target);
      if (pct === void 0 || !target.base || !target.head) continue;
      if (target.change !== "increase" && target.change !== "decrease") continue;
      if (!best || pct > best.pct) best = { model, target, pct };
    }
  }
  return best;
}
function isUnchangedOnly(report) {
  return report.models.length > 0 && !reportEnergyChanged(report) && report.models.every((m) => m.budget === "pass");
}

// src/report/sections.ts
function primaryTarget(m, targets = m.targets) {
  let best;
  let bestSize = -1;
  for (const t of targets) {
    const size = Math.abs(delta(t).mj ?? 0);
    if (size > bestSize) {
      best = t;
      bestSize = size;
    }
  }
  return best;
}
function kernelEnergy(mj, missing) {
  return mj === void 0 ? missing : formatMj(mj);
}
var KERNEL_COLUMNS = [
  {
    header: "Kernel",
    value: (k) => k.baseName !== void 0 && k.baseName !== k.name ? `${inlineCode(k.baseName, { inTable: true, max: 60 })} \u2192 ${inlineCode(k.name, { inTable: true, max: 60 })}` : inlineCode(k.name, { inTable: true, max: 80 })
  },
  { header: "Type", value: (k) => escapeMarkdown(k.type, 40) },
  { header: "Base", align: "r", value: (k) => kernelEnergy(k.baseMj, "\u2014 (new)") },
  { header: "Head", align: "r", value: (k) => kernelEnergy(k.headMj, "\u2014 (removed)") },
  { header: "\u0394", align: "r", value: (k) => formatDeltaMj(k.deltaMj) }
];
function kernelTable(changes) {
  return table(KERNEL_COLUMNS, changes);
}
function kernelSection(models, scope, limit) {
  const groups = [];
  for (const m of models) {
    const compared = m.targets.filter((t) => t.base !== void 0 && t.head !== void 0);
    const targets = scope === "all" ? compared : [primaryTarget(m, compared)].filter((t) => t !== void 0);
    for (const t of targets) {
      if (t.topKernelChanges.length === 0) continue;
      const changes = t.topKernelChanges.slice(0, limit);
      const more = t.topKernelChanges.length - changes.length;
      groups.push({
        open: paragraph(`**${modelText(m)}** on ${targetLabel(t.target)}`),
        children: [
          kernelTable(changes),
          ...more > 0 ? [paragraph(`*${plural(more, "more kernel change")} in the job summary.*`)] : []
        ],
        close: ""
      });
    }
  }
  if (groups.length === 0) return [];
  const title = scope === "all" ? "Kernel changes" : "Top kernel changes";
  return [details(title, groups)];
}
function chartSection(models) {
  const charts = [];
  for (const m of models) {
    const t = primaryTarget(m);
    if (!t) continue;
    const chart = energyByTypeChart({
      title: `mJ by kernel type, ${t.target.deviceName} ${t.target.processor.toUpperCase()}`,
      base: t.base?.byType,
      head: t.head?.byType
    });
    if (chart === void 0) continue;
    const legend = t.base && t.head ? "bars: head, line: base" : t.head ? "head" : "base";
    charts.push(paragraph(`**${modelText(m)}** on ${targetLabel(t.target)} (${legend})`) + paragraph(chart));
  }
  if (charts.length === 0) return [];
  return [details("Energy by kernel type", charts)];
}
function perDeviceEnergy(e) {
  return e ? `${significant(e.energyMj)} ${formatRange(e.energyRangeMj)}` : "\u2014";
}
function pair(base, head) {
  if (base !== void 0 && head !== void 0) return base === head ? head : `${base} \u2192 ${head}`;
  if (base !== void 0) return `${base} \u2192 \u2014`;
  return head ?? "\u2014";
}
function shareCell(share, types) {
  if (share === void 0 || share <= 0) return "\u2014";
  const named = (types ?? []).map((t) => escapeMarkdown(t, 40)).join(", ");
  return `${formatPct(100 * share)}${named !== "" ? ` (${named})` : ""}`;
}
var fallbackCell = (e) => shareCell(e?.fallbackShare, e?.fallbackTypes);
var extrapolatedCell = (e) => shareCell(e?.extrapolatedShare, e?.extrapolatedTypes);
var EXTRAPOLATED_NOTICE_SHARE = 0.1;
var FALLBACK_NOTICE_SHARE = 0.5;
function worstShare(models, of) {
  let worst;
  for (const m of models)
    for (const t of m.targets) {
      const e = t.head ?? t.base;
      if (!e) continue;
      const { share = 0, types = [] } = of(e);
      if (share > (worst?.share ?? 0)) worst = { share, types, model: m };
    }
  return worst;
}
var typeList = (types) => types.length > 0 ? ` (${types.map((t) => escapeMarkdown(t, 40)).join(", ")})` : "";
function pricingNotice(models) {
  const lines = [];
  const fallback = worstShare(models, (e) => ({ share: e.fallbackShare, types: e.fallbackTypes }));
  if (fallback && fallback.share >= FALLBACK_NOTICE_SHARE)
    lines.push(
      `\u26A0\uFE0F Up to ${formatPct(100 * fallback.share)} of an energy here (${modelText(fallback.model)}) is priced by the predictor\u2019s \`others\` fallback from FLOPs and bytes alone${typeList(fallback.types)}: those kernel types have no regressor of their own.`
    );
  const extrapolated = worstShare(models, (e) => ({
    share: e.extrapolatedShare,
    types: e.extrapolatedTypes
  }));
  if (extrapolated && extrapolated.share >= EXTRAPOLATED_NOTICE_SHARE)
    lines.push(
      `\u26A0\uFE0F Up to ${formatPct(100 * extrapolated.share)} of an energy here (${modelText(extrapolated.model)}) comes from kernels more than 25% beyond the sizes their predictor was trained on${typeList(extrapolated.types)}: those prices are extrapolated.`
    );
  const quantized = unpublishedPrecisionNotice(models);
  if (lines.length === 0) return quantized ? [paragraph(quantized)] : [];
  return [
    paragraph(
      `${lines.join(" ")} Read such figures as rougher than their ranges say; see *Per-device details*.` + (quantized ? ` ${quantized}` : "")
    )
  ];
}
function unpublishedPrecisionNotice(models) {
  let worst;
  for (const m of models)
    for (const t of m.targets) {
      const e = t.head ?? t.base;
      const share = e?.unpublishedPrecisionShare ?? 0;
      if (!e || share <= 0) continue;
      if (!worst || share > worst.share)
        worst = { share, precisions: e.unpublishedPrecisions ?? [], targets: /* @__PURE__ */ new Set(), model: m };
    }
  if (!worst) return void 0;
  const processors2 = /* @__PURE__ */ new Set();
  for (const m of models)
    for (const t of m.targets)
      if (((t.head ?? t.base)?.unpublishedPrecisionShare ?? 0) > 0)
        processors2.add(t.target.processor.toUpperCase());
  return `\u2139\uFE0F Up to ${formatPct(100 * worst.share)} of an energy here (${modelText(worst.model)}) is in ${worst.precisions.join(", ")} kernels on ${[...processors2].sort().join(" and ")} targets, for which no energy factor was published: priced as fp32, with the range widened to DeepEn2023's published INT8/FP32 ratios (0.40\u20131.07).`;
}
function latencyBundles(report) {
  const ids = /* @__PURE__ */ new Set();
  for (const b of report.bundles) if (b.predicts?.includes("latency")) ids.add(b.id);
  if (report.bundles.some((b) => b.predicts !== void 0)) return ids;
  for (const m of report.models)
    for (const t of m.targets)
      if (t.base?.latencyMs !== void 0 || t.head?.latencyMs !== void 0) ids.add(t.target.bundle);
  return ids;
}
var LATENCY_NOT_PREDICTED = "not predicted";
function idList(ids, max = 4) {
  const shown = ids.slice(0, max).map((id) => inlineCode(id, { max: 80 }));
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${formatInteger(more)} more` : shown.join(", ");
}
function latencyLead(report, rowBundles, predicting) {
  const without = [...new Set(rowBundles.filter((b) => !predicting.has(b)))];
  if (without.length === 0) return "";
  const method = (id) => report.bundles.find((b) => b.id === id)?.method;
  const transfers = without.every((id) => method(id) === "calibrated-transfer");
  const predictingHere = [...new Set(rowBundles.filter((b) => predicting.has(b)))];
  if (predictingHere.length === 0) {
    return transfers ? " No latency is shown: calibrated transfers predict energy only; latency is predicted only by bundles trained on measured latency." : " No latency is shown: the predictor bundles here predict energy only.";
  }
  const trained = predictingHere.every((id) => method(id) === "trained");
  const by = trained ? `bundles trained on measured latency (${idList(predictingHere)})` : idList(predictingHere);
  const others = transfers ? "calibrated transfers" : "the other bundles";
  return ` Latency is predicted only by ${by}; ${others} predict energy only (their rows say *${LATENCY_NOT_PREDICTED}*).`;
}
function deviceSection(report, models) {
  const predicting = latencyBundles(report);
  const targets = models.flatMap((m) => m.targets);
  if (targets.length === 0) return [];
  const withLatency = targets.some((t) => predicting.has(t.target.bundle));
  const withExtrapolation = targets.some((t) => ((t.head ?? t.base)?.extrapolatedShare ?? 0) > 0);
  const score = (e) => e ? `${Number.isFinite(e.score) ? significant(e.score) : "\u221E"} (${e.grade})` : void 0;
  const latency = (e) => e?.latencyMs !== void 0 ? `${significant(e.latencyMs)} ms` : void 0;
  const latencyColumn = {
    header: "Latency",
    align: "r",
    value: (r) => predicting.has(r.t.target.bundle) ? pair(latency(r.t.base), latency(r.t.head)) : LATENCY_NOT_PREDICTED
  };
  const extrapolatedColumn = {
    header: "Extrapolated",
    value: (r) => extrapolatedCell(r.t.head ?? r.t.base)
  };
  const columns = [
    { header: "Model", value: (r) => r.first ? modelCell(r.m) : "" },
    { header: "Target", value: (r) => targetLabel(r.t.target) },
    { header: "Predictor", value: (r) => inlineCode(r.t.target.bundle, { inTable: true, max: 80 }) },
    { header: "Base", align: "r", value: (r) => perDeviceEnergy(r.t.base) },
    { header: "Head", align: "r", value: (r) => perDeviceEnergy(r.t.head) },
    ...withLatency ? [latencyColumn] : [],
    {
      header: "Score (grade)",
      align: "r",
      value: (r) => isUnsized(r.m) ? UNSIZED_CELL : pair(score(r.t.base), score(r.t.head))
    },
    { header: "Fallback", value: (r) => fallbackCell(r.t.head ?? r.t.base) },
    ...withExtrapolation ? [extrapolatedColumn] : []
  ];
  const rows = models.flatMap((m) => m.targets.map((t, i) => ({ m, t, first: i === 0 })));
  const lead = `Energy with its range, ${withLatency ? "predicted latency, " : ""}score (100 = MobileNetV1 on the same target) and the share of energy priced by the predictor's \`others\` fallback` + (withExtrapolation ? ", and the share from kernels more than 25% beyond the sizes (FLOPs, bytes) their regressor was trained on, whose prices are extrapolated." : ".") + latencyLead(
    report,
    targets.map((t) => t.target.bundle),
    predicting
  );
  return [details("Per-device details", [paragraph(lead), table(columns, rows)])];
}
var METHOD_WORDS = {
  trained: "trained on the device\u2019s kernel measurements",
  "calibrated-transfer": "transferred from a measured device, calibrated",
  external: "regressors fitted elsewhere, brought with their own manifest"
};
function provenanceSection(report) {
  const sources = [
    "- **Energy**: the sum of per-kernel predictions (the model is split into the fused kernels an edge runtime executes) by the predictor bundle of each target, listed below; predictors follow DeepEn2023 (Tu et al., *Unveiling Energy Efficiency in Deep Learning: Measurement, Prediction, and Scoring across Edge Devices*, ACM/IEEE SEC 2023).\n",
    "- **Range**: each kernel\u2019s 90% interval from the bundle\u2019s known per-kernel error (measured \xF7 predicted), summed over the model\u2019s kernels.\n",
    "- **Score and grade**: 100 \xD7 the energy of MobileNetV1 (224\xD7224) on the same target \xF7 the model\u2019s energy, after DeepEn2023\u2019s inference energy consumption score; grades are factor-of-two bands (A+ \u2265 400, A \u2265 200, B \u2265 100, C \u2265 50, D \u2265 25, E \u2265 12.5).\n",
    `- **Inferences per 1% battery**: 1% of the device\u2019s battery (capacity from DeepEn2023\u2019s device table, at a nominal ${NOMINAL_BATTERY_VOLTAGE} V) \xF7 the energy per inference; inference only, no screen, radio or idle power.
`,
    "- **MACs, parameters, bytes**: counted from the model graph (ONNX or TFLite) at the analysed input shape; **precision** from its tensors' stored types (fp32, fp16, int8, int8-dynamic, int16x8).\n",
    "- **Unchanged**: a change under the configured noise floor.\n",
    "- **Fallback, extrapolated**: kernel types without a regressor of their own are priced by the bundle\u2019s `others` regressor from FLOPs and bytes; a kernel more than 25% beyond the FLOPs or bytes its regressor was trained on is priced by extrapolation. Both are less accurate than the ranges say.\n"
  ];
  return [
    details("Predictor provenance and known accuracy", [
      { open: "", children: sources, close: "\n" },
      ...report.bundles.length > 0 ? [table(PROVENANCE_COLUMNS, report.bundles)] : []
    ])
  ];
}
var PROVENANCE_COLUMNS = [
  { header: "Bundle", value: (b) => inlineCode(b.id, { inTable: true, max: 80 }) },
  { header: "Device", value: (b) => escapeMarkdown(b.device, 80) },
  { header: "Processor", value: (b) => b.processor.toUpperCase() },
  { header: "Method", value: (b) => METHOD_WORDS[b.method] ?? escapeMarkdown(b.method, 40) },
  { header: "Source", value: (b) => escapeMarkdown(b.source, 200) },
  { header: "Known accuracy", value: (b) => escapeMarkdown(accuracyText(b.accuracy), 200) }
];
function configSection(report, setting) {
  if (report.configChanges.length === 0) return [];
  const cli = setting.budgets !== void 0;
  const lead = report.budgetsFrom === "base" ? cli ? "Budgets are read from the merge base; the working tree would change:" : "Budgets are read from the merge base; this PR would change:" : cli ? "Budgets are read from the working tree (`--budgets-from head`); it changes:" : "Budgets are read from this PR (`budgets-from: head`); it changes:";
  return [
    details("Config changes", [
      paragraph(lead),
      {
        open: "",
        children: report.configChanges.map((c) => `- ${escapeWithCode(c, { max: 300 })}
`),
        close: "\n"
      }
    ])
  ];
}
function notesTitle(warnings, notes) {
  const title = [
    ...warnings > 0 ? [`warnings (${formatInteger(warnings)})`] : [],
    ...notes > 0 ? [`notes (${formatInteger(notes)})`] : []
  ].join(" and ");
  return title.charAt(0).toUpperCase() + title.slice(1);
}
function notesSection(report, models, limit) {
  const warnings = report.warnings.map((w) => `- \u26A0\uFE0F ${escapeWithCode(w, { max: 500 })}
`);
  const notes = models.flatMap(
    (m) => m.notes.map((n) => `- ${modelText(m)}: ${escapeWithCode(n, { max: 500 })}
`)
  );
  if (warnings.length + notes.length === 0) return [];
  const shownWarnings = warnings.slice(0, limit);
  const shownNotes = notes.slice(0, Math.max(0, limit - shownWarnings.length));
  const left = [
    ...warnings.length > shownWarnings.length ? [plural(warnings.length - shownWarnings.length, "more warning")] : [],
    ...notes.length > shownNotes.length ? [plural(notes.length - shownNotes.length, "more note")] : []
  ];
  const children = [
    ...shownWarnings,
    ...shownNotes,
    ...left.length > 0 ? [`- *${left.join(" and ")} in the job summary.*
`] : []
  ];
  return [details(notesTitle(warnings.length, notes.length), [{ open: "", children, close: "\n" }])];
}
function footer(report, links) {
  const parts = [`model-energy-check ${escapeMarkdown(report.tool.version, 40)}`];
  const summary = safeUrl(links.summaryUrl);
  const run = safeUrl(links.runUrl);
  if (summary !== void 0) parts.push(`[job summary](${summary})`);
  if (run !== void 0) parts.push(`[workflow run](${run})`);
  return [paragraph(`<sub>${parts.join(" \xB7 ")}</sub>`)];
}

// src/report/verdict.ts
var VERDICT_WORDS = {
  pass: "pass",
  warn: "warning",
  fail: "fail"
};
function noBudgetApplies(report) {
  const evaluated = report.models.flatMap((m) => m.targets.filter((t) => t.budget.applied !== void 0));
  return evaluated.length > 0 && evaluated.every((t) => t.budget.applied?.length === 0);
}
function budgetsText(report, setting) {
  const b = setting.budgets;
  const none = report.budgetsConfigured === 0;
  let text;
  if (b === void 0) {
    const commit = report.budgetsFrom === "head" ? "head commit" : report.mergeBaseSha !== void 0 ? `merge base ${inlineCode(shortSha(report.mergeBaseSha))}` : "base commit";
    text = none ? `no budgets configured (config from the ${commit})` : `budgets from the ${commit}`;
  } else {
    const at = b.at !== void 0 ? ` ${b.at}` : "";
    const file = inlineCode(b.file, { max: 300 });
    text = b.exists ? none ? `no budgets configured in ${file}${at}` : `budgets from ${file}${at}` : none ? `no budgets configured (no ${file}${at})` : `default budgets (no ${file}${at})`;
  }
  return !none && noBudgetApplies(report) ? `${text}; none applies to these models` : text;
}
function shortReason(reason) {
  return escapeMarkdown(reasonText(reason, { budget: false }), 120);
}
function verdictCause(report) {
  const level = report.verdict;
  if (level === "pass") return void 0;
  let first;
  let firstIsTarget = false;
  let count = 0;
  let targets = 0;
  let errors = 0;
  for (const m of rankModels(report.models)) {
    if (m.error !== void 0) {
      if (level !== "fail") continue;
      count += 1;
      errors += 1;
      first ??= `${modelText(m)}: ${isUnpriced(m) ? "" : "not analysed: "}${escapeWithCode(m.error, { max: 120 })}`;
      continue;
    }
    const byIncrease = [...m.targets].sort(
      (a, b) => (b.deltaPct ?? Number.NEGATIVE_INFINITY) - (a.deltaPct ?? Number.NEGATIVE_INFINITY) || 0
    );
    for (const t of byIncrease) {
      if (t.budget.status !== level) continue;
      count += 1;
      targets += 1;
      const reason = t.budget.reasons[0];
      if (first === void 0) firstIsTarget = true;
      first ??= `${modelText(m)} on ${targetLabel(t.target)}${reason !== void 0 ? `: ${shortReason(reason)}` : ""}`;
    }
  }
  const problems = report.problems?.length ?? 0;
  if (first === void 0)
    return problems > 0 ? problems === 1 ? "a problem with the run, below" : `${problems} problems with the run, below` : void 0;
  if (count <= 1) return first;
  const more = [
    ...targets - (firstIsTarget ? 1 : 0) > 0 ? [plural(targets - (firstIsTarget ? 1 : 0), "more target")] : [],
    ...errors - (firstIsTarget ? 0 : 1) > 0 ? [plural(errors - (firstIsTarget ? 0 : 1), "more model", "more models")] : []
  ];
  return `${first} (and ${more.join(", ")})`;
}
function addedRemoved(report) {
  const added = report.models.filter((m) => m.status === "added").length;
  const removed = report.models.filter((m) => m.status === "removed").length;
  const parts = [
    ...added > 0 ? [plural(added, "new model")] : [],
    ...removed > 0 ? [plural(removed, "removed model")] : []
  ];
  return parts.map((p) => ` \xB7 ${p}`).join("");
}
function passChange(report) {
  const all = report.models.flatMap((m) => m.targets.map((target) => ({ model: m, target })));
  const compared = all.filter(({ target }) => target.base && target.head);
  const changed = compared.filter(
    ({ target }) => target.change === "increase" || target.change === "decrease"
  );
  if (changed.some(({ target }) => target.change === "increase")) {
    const worst = worstTarget(report);
    const worstPct = report.worstChangePct ?? (worst ? delta(worst.target).pct : void 0);
    if (worstPct === void 0) return void 0;
    const where = worst && delta(worst.target).pct === worstPct ? ` (${modelText(worst.model)}, ${targetLabel(worst.target.target)})` : "";
    return `worst change **${formatPct(worstPct, true)}**${where}${addedRemoved(report)}`;
  }
  const decreases = changed.map((c) => ({ ...c, pct: delta(c.target).pct })).filter((c) => c.pct !== void 0).sort((a, b) => a.pct - b.pct);
  const largest = decreases[0];
  const smallest = decreases[decreases.length - 1];
  if (largest === void 0 || smallest === void 0) return void 0;
  if (changed.length === compared.length && decreases.length === changed.length) {
    const low = formatPct(largest.pct, true);
    const high = formatPct(smallest.pct, true);
    const span = low === high ? low : `${low} to ${high}`;
    const complete = compared.length === all.length && report.models.every((m) => m.error === void 0);
    const which = (compared.length === 1 ? "the only target" : `all ${formatInteger(compared.length)} targets`) + (complete ? "" : " with a baseline");
    return `${which} decreased (**${span}**)${addedRemoved(report)}`;
  }
  return `largest decrease **${formatPct(largest.pct, true)}** (${modelText(largest.model)}, ${targetLabel(largest.target.target)}), others unchanged${addedRemoved(report)}`;
}
function verdictBlocks(report, setting = {}, notesBelow = report.models) {
  const heading = `### ${STATUS_MARK[report.verdict]} ${verdictHeadline(report)}`;
  return [
    paragraph(heading),
    paragraph(verdictContext(report, setting)),
    ...problemLines(report),
    ...baselineWarning(report, notesBelow)
  ];
}
function verdictHeadline(report) {
  let heading = `Model energy: ${VERDICT_WORDS[report.verdict]}`;
  const cause = verdictCause(report);
  const change = report.verdict === "pass" ? passChange(report) : void 0;
  if (cause !== void 0) {
    heading += ` \xB7 ${cause}`;
  } else if (change !== void 0) {
    heading += ` \xB7 ${change}`;
  } else if (report.models.length > 0 && !reportEnergyChanged(report)) {
    heading += " \xB7 no energy change above the noise floor";
  } else if (report.models.length > 0 && report.models.every((m) => m.status === "added")) {
    heading += " \xB7 new models, no baseline to compare";
  }
  return heading;
}
function verdictContext(report, setting = {}) {
  const refs = [];
  if (report.baseSha !== void 0 || report.baseRef !== void 0) {
    const ref = report.baseRef !== void 0 ? ` ${inlineCode(report.baseRef, { max: 100 })}` : "";
    const sha = report.baseSha !== void 0 ? ` at ${inlineCode(shortSha(report.baseSha))}` : "";
    refs.push(`base${ref}${sha}`);
  }
  if (report.mergeBaseSha !== void 0) refs.push(`merge base ${inlineCode(shortSha(report.mergeBaseSha))}`);
  const head = report.headSha === void 0 ? void 0 : report.headIsWorkingTree ? `working tree (uncommitted changes on ${inlineCode(shortSha(report.headSha))})` : `head ${inlineCode(shortSha(report.headSha))}`;
  const what = [refs.join(", "), head].filter((s) => s !== void 0 && s !== "").join(" \u2192 ");
  const scope = report.models.length === 0 ? "no changed models" : `${modelCounts(report.models)} \xB7 ${plural(targetCount(report), "target")}`;
  return [what, scope, budgetsText(report, setting)].filter((s) => s !== "").join(" \xB7 ");
}
function problemLines(report) {
  return (report.problems ?? []).map((problem) => paragraph(`\u26A0\uFE0F ${escapeWithCode(problem)}`));
}
function baselineWarning(report, notesBelow) {
  const models = report.models.filter(lacksBaseline);
  if (models.length === 0) return [];
  const why = models.some((m) => m.notes.length > 0 && notesBelow.includes(m)) ? " The notes below say why." : "";
  const shown = models.slice(0, 5).map(modelText).join(", ");
  const more = models.length > 5 ? ` and ${plural(models.length - 5, "more model")}` : "";
  const one = models.length === 1;
  return [
    paragraph(
      `\u26A0\uFE0F No baseline for ${shown}${more}: the base version${one ? "" : "s"} could not be analysed, so ${one ? "its" : "their"} budgets against the base (max increase) were not checked.${why}`
    )
  ];
}
function configNotice(report, setting) {
  if (report.configChanges.length === 0) return [];
  const n = plural(report.configChanges.length, "change");
  if (setting.budgets !== void 0) {
    const text2 = report.budgetsFrom === "base" ? `\u2699\uFE0F The working tree edits the energy config (${n}). Budgets are read from the merge base (\`--budgets-from base\`), so the edits apply only once committed and merged; see *Config changes* below.` : `\u2699\uFE0F The working tree edits the energy config (${n}) and budgets are read from it (\`--budgets-from head\`); see *Config changes* below.`;
    return [paragraph(text2)];
  }
  const text = report.budgetsFrom === "base" ? `\u2699\uFE0F This PR edits the energy config (${plural(report.configChanges.length, "change")}). Budgets are read from the merge base, so they apply only after merge; see *Config changes* below.` : `\u2699\uFE0F This PR edits the energy config (${plural(report.configChanges.length, "change")}) and budgets are read from this PR (\`budgets-from: head\`); see *Config changes* below.`;
  return [paragraph(text)];
}

// src/report/model-tables.ts
var MAIN_COLUMNS = [
  { header: "Model", value: (r) => r.model },
  { header: "Target", value: (r) => r.target },
  { header: "Base", align: "r", value: (r) => r.base },
  { header: "Head", align: "r", value: (r) => r.head },
  { header: "\u0394 mJ", align: "r", value: (r) => r.deltaMj },
  { header: "\u0394 %", align: "r", value: (r) => r.deltaPct },
  { header: "Grade", align: "c", value: (r) => r.grade },
  { header: "Inferences per 1% battery", align: "r", value: (r) => r.battery },
  { header: "Budget", value: (r) => r.budget }
];
function statusRow(model, word, budget) {
  return {
    model,
    target: "\u2014",
    base: "\u2014",
    head: "\u2014",
    deltaMj: word,
    deltaPct: "",
    grade: "",
    battery: "",
    budget
  };
}
function mainRows(m) {
  const rows = [];
  const first = () => rows.length === 0 ? modelCell(m) : "";
  if (m.error !== void 0) {
    rows.push(statusRow(first(), isUnpriced(m) ? "not priced" : "error", errorCell(m)));
  }
  for (const t of m.targets) {
    const [deltaMj, deltaPct] = deltaCells(m, t);
    rows.push({
      model: first(),
      target: targetLabel(t.target),
      base: energyCell(t.base),
      head: energyCell(t.head),
      deltaMj,
      deltaPct,
      grade: gradeCell(m, t.base, t.head),
      battery: batteryCell(m, t),
      budget: budgetCell(t)
    });
  }
  if (rows.length === 0) {
    const removed = m.status === "removed";
    const cell = removed && m.budget === "pass" ? REMOVED_BUDGET_CELL : STATUS_MARK[m.budget];
    rows.push(statusRow(first(), removed ? "removed" : "no targets", cell));
  }
  return rows;
}
function errorCell(m) {
  const text = escapeWithCode(m.error ?? "", { max: 200, inTable: true });
  return `${STATUS_MARK[m.budget]} ${isUnpriced(m) ? "" : "not analysed: "}${text}`;
}
function mainTable(models) {
  return table(MAIN_COLUMNS, models.flatMap(mainRows));
}
var SUMMARY_COLUMNS = [
  { header: "Model", value: (r) => r.model },
  { header: "Worst target", value: (r) => r.target },
  { header: "Base", align: "r", value: (r) => r.base },
  { header: "Head", align: "r", value: (r) => r.head },
  { header: "\u0394 %", align: "r", value: (r) => r.change },
  { header: "Change\u2019s 90% range", value: (r) => r.range },
  { header: "Grade", align: "c", value: (r) => r.grade },
  { header: "Budget", value: (r) => r.budget }
];
var byPct = (a, b) => {
  const pa = delta(a).pct ?? Number.NEGATIVE_INFINITY;
  const pb = delta(b).pct ?? Number.NEGATIVE_INFINITY;
  return pa === pb ? 0 : pb > pa ? 1 : -1;
};
function leadTarget(m) {
  return [...m.targets].sort(
    (a, b) => SEVERITY[b.budget.status] - SEVERITY[a.budget.status] || byPct(a, b) || (b.head?.energyMj ?? 0) - (a.head?.energyMj ?? 0)
  )[0];
}
function changeRangeText(t) {
  const range = t.deltaRangeMj;
  const base = t.base?.energyMj;
  if (range === void 0 || base === void 0 || base <= 0 || !t.head) return void 0;
  const [low, high] = [Math.max(-100, 100 * range[0] / base), 100 * range[1] / base];
  const beyond = range[0] > 0 || range[1] < 0;
  return `${formatPct(low, true)} to ${formatPct(high, true)}: ${beyond ? "larger than" : "within"} its uncertainty`;
}
function summaryBudgetCell(m, t) {
  const status = t.budget.status;
  if (status === "pass") return budgetCell(t);
  const reason = t.budget.reasons[0];
  const others = m.targets.filter((o) => o !== t && o.budget.status === status).length;
  const more = others > 0 ? ` (and ${plural(others, "more target")})` : "";
  return `${STATUS_MARK[status]}${reason !== void 0 ? ` ${shortReason(reason)}` : ""}${more}`;
}
function summaryRow(m) {
  const t = leadTarget(m);
  if (m.error !== void 0) return statusSummary(statusRow(modelCell(m), "", errorCell(m)));
  if (t === void 0) return statusSummary(mainRows(m)[0]);
  const [dMj, dPct] = deltaCells(m, t);
  return {
    model: modelCell(m),
    target: targetLabel(t.target),
    base: energyCell(t.base),
    head: energyCell(t.head),
    change: dPct !== "" ? dPct : dMj,
    range: changeRangeText(t) ?? "\u2014",
    grade: gradeCell(m, t.base, t.head),
    budget: summaryBudgetCell(m, t)
  };
}
function statusSummary(r) {
  const { model, target, base, head, grade, budget } = r;
  return { model, target, base, head, change: r.deltaMj, range: "", grade, budget };
}
var CHANGE_RANGE_LEGEND = "<sub>The change\u2019s range counts only the kernels that differ between base and head: both are priced by the same regressors, so the error of the kernels they share cancels.</sub>";
function summaryBlocks(report, models, matrixModels) {
  const blocks = [
    table(SUMMARY_COLUMNS, models.map(summaryRow)),
    ...models.some((m) => m.targets.some((t) => changeRangeText(t) !== void 0)) ? [paragraph(CHANGE_RANGE_LEGEND)] : []
  ];
  if (matrixModels.length > 0) {
    const title = `Per-target energy: ${plural(matrixModels.length, "model")} \xD7 ${plural(targetCount(report), "target")}`;
    blocks.push(details(title, mainTableBlocks(matrixModels)));
  }
  return blocks;
}
var RANGE_LEGEND = "<sub>\xB1 is the larger side of the prediction\u2019s 90% range, which can be asymmetric; a model\u2019s range is the sum of its kernels\u2019 ranges, an upper bound.</sub>";
function hasEnergy(models) {
  return models.some((m) => m.targets.some((t) => t.base !== void 0 || t.head !== void 0));
}
function mainTableBlocks(models) {
  return [
    mainTable(models),
    ...hasEnergy(models) ? [paragraph(RANGE_LEGEND)] : [],
    ...pricingNotice(models)
  ];
}
function statPart(name, base, head, unit = "") {
  if (base === void 0 && head !== void 0) return `${name} ${formatCount(head, unit)}`;
  if (head === void 0 && base !== void 0) return `${name} ${formatCount(base, unit)}`;
  if (base === void 0 || head === void 0) return "";
  if (base === head) return `${name} ${formatCount(head, unit)} (=)`;
  const pct = base > 0 ? ` (${formatPct(100 * (head - base) / base, true)})` : "";
  return `${name} ${formatCount(base, unit)} \u2192 ${formatCount(head, unit)}${pct}`;
}
function precisionPart(base, head) {
  if (base === void 0 && head === void 0) return "";
  if (base === void 0 || head === void 0 || base === head) return `precision ${head ?? base}`;
  return `**precision ${base} \u2192 ${head}**`;
}
function statsLine(m) {
  const b = m.base;
  const h = m.head;
  if (!b && !h) return void 0;
  const parts = [
    statPart("MACs", b?.macs, h?.macs),
    statPart("params", b?.params, h?.params),
    statPart("bytes", b?.bytes, h?.bytes, "B"),
    precisionPart(b?.precision, h?.precision)
  ].filter((p) => p !== "");
  const tag = m.status === "added" ? " (new)" : m.status === "removed" ? " (removed)" : !h ? " (base; the head was not analysed)" : !b ? " (head; the base was not analysed)" : "";
  return `- ${modelText(m)}${tag}: ${parts.join(" \xB7 ")}
`;
}
function statsSection(models) {
  const lines = models.map(statsLine).filter((l) => l !== void 0);
  if (lines.length === 0) return [];
  return [
    {
      open: "**Structure** (MACs \xB7 parameters \xB7 bytes moved per inference \xB7 precision):\n\n",
      children: lines,
      close: "\n"
    }
  ];
}
function unchangedSection(report, models) {
  const renamed = models.filter((m) => m.status === "renamed");
  const text = `No energy change above the noise floor: ${plural(report.models.length, "model")} \xD7 ${plural(targetCount(report), "target")}, all within budget.` + (renamed.length > 0 ? ` Renamed: ${renamed.map(modelText).join(", ")}.` : "");
  return [paragraph(text), details("Energy per model and target", mainTableBlocks(models))];
}

// src/report/terminal.ts
var STATUS_CODE = { pass: "32", warn: "33", fail: "31" };
function paintStatus(style, status, text) {
  if (!style.color || text.trim() === "") return text;
  return `\x1B[${STATUS_CODE[status]}m${text}\x1B[0m`;
}
function bold(style, text) {
  return style.color ? `\x1B[1m${text}\x1B[0m` : text;
}

// src/report/compare-text.ts
function renderCompareText(report, style, setting = {}) {
  const { width } = style;
  const models = rankModels(report.models);
  const out = [];
  const prose = (text, indent = "") => {
    out.push(...wrap(text, width, indent));
  };
  const mark = paintStatus(style, report.verdict, bold(style, VERDICT_MARK[report.verdict]));
  out.push(
    ...wrap(`${VERDICT_MARK[report.verdict]} ${terminalText(verdictHeadline(report))}`, width, "  ").map(
      (line, i) => i === 0 ? line.replace(VERDICT_MARK[report.verdict], mark) : line
    )
  );
  prose(terminalText(verdictContext(report, setting)));
  for (const problem of report.problems ?? []) prose(`warning: ${clean(problem)}`, "  ");
  const noBaseline = models.filter(lacksBaseline);
  if (noBaseline.length > 0)
    prose(
      `warning: no baseline for ${noBaseline.map(modelLabel).join(", ")}: the base could not be analysed, so budgets against the base (max increase) were not checked.`,
      "  "
    );
  if (models.length === 0) {
    out.push("", "No changed model matched the models globs of the config.");
  } else {
    out.push("", renderTable(mainColumns(style), models.flatMap(rowsOf), width));
    const reasons = models.filter((m) => reasonLines(m).length > 0);
    if (reasons.length > 0) {
      out.push("", "Budgets:");
      for (const m of reasons) {
        prose(`  ${modelLabel(m)}`, "    ");
        for (const r of reasonLines(m)) prose(`    ${r}`, "      ");
      }
    }
    const stats = models.map(statsLine).filter((l) => l !== void 0);
    if (stats.length > 0) {
      out.push("", "Structure (MACs, parameters, bytes moved per inference):");
      for (const line of stats) prose(`  ${terminalText(line.replace(/^- /, "").trimEnd())}`, "    ");
    }
    const pricing = blocksToString(pricingNotice(models)).trim();
    if (pricing !== "") {
      out.push("");
      prose(terminalText(pricing), "  ");
    }
  }
  out.push("", "Where the numbers come from:");
  prose(
    `  Energy is the sum of per-kernel predictions (DeepEn2023, Tu et al., SEC 2023) by each target's predictor bundle; ${markdownToPlain(RANGE_LEGEND)} Grades compare with MobileNetV1 on the same target (A+ best); battery: 1% of the device's battery / energy per inference.`,
    "  "
  );
  for (const b of report.bundles)
    prose(
      `  ${b.id}: ${METHOD_WORDS[b.method] ?? b.method}; ${clean(b.source, 200)}; ${clean(accuracyText(b.accuracy), 200)}`,
      "    "
    );
  if (report.configChanges.length > 0) {
    out.push(
      "",
      `Config changes (budgets are read from the ${report.budgetsFrom === "base" ? "base" : "head"} side):`
    );
    for (const c of report.configChanges) prose(`  ${clean(c, 300)}`, "    ");
  }
  const notes = [
    ...report.warnings.map((w) => `warning: ${clean(w)}`),
    ...models.flatMap((m) => m.notes.map((n) => `${modelLabel(m)}: ${clean(n)}`))
  ];
  if (notes.length > 0) {
    out.push("", "Notes:");
    for (const n of notes) prose(`  ${n}`, "    ");
  }
  out.push(
    "",
    ...wrap(
      `Kernel-level detail: --format markdown; the full report: --format json. model-energy-check ${report.tool.version}`,
      width
    )
  );
  return `${out.join("\n")}
`;
}
var VERDICT_MARK = { pass: "PASS", warn: "WARN", fail: "FAIL" };
function terminalText(markdown) {
  return markdownToPlain(markdown).replace(/⚠️ ?/g, "warning: ").replace(/⚙️ ?/g, "");
}
function targetText(t) {
  return `${clean(t.target.deviceName, 80)} ${t.target.processor.toUpperCase()}`;
}
function modelLabel(m) {
  const before = m.previousPath !== void 0 && m.previousPath !== m.path && m.status !== "added" && m.status !== "removed" ? `${clean(m.previousPath, 300)} \u2192 ` : "";
  return `${before}${clean(m.path, 300)}`;
}
function rowsOf(m) {
  if (m.targets.length === 0) return [{ model: m, first: true }];
  const rows = m.error !== void 0 ? [{ model: m, first: true }] : [];
  m.targets.forEach((t) => rows.push({ model: m, first: rows.length === 0, target: t }));
  return rows;
}
var STATUS_SUFFIX = {
  added: " (new)",
  removed: " (removed)",
  renamed: " (renamed)",
  modified: ""
};
var energy = (e) => e ? significant(e.energyMj) : "\u2014";
function budgetWord(row) {
  const { model, target } = row;
  if (target === void 0) {
    if (model.error !== void 0) return { status: model.budget, text: model.budget };
    return {
      status: model.budget,
      text: model.status === "removed" && model.budget === "pass" ? REMOVED_BUDGET_CELL : model.budget
    };
  }
  const { budget } = target;
  if (target.change === "removed" && budget.status === "pass" && budget.reasons.length === 0)
    return { status: "pass", text: REMOVED_BUDGET_CELL };
  if (budget.status === "pass" && budget.applied !== void 0 && budget.applied.length === 0)
    return { status: "pass", text: NO_BUDGET_CELL };
  return { status: budget.status, text: budget.status };
}
function mainColumns(style) {
  return [
    {
      header: "Model",
      // The head path only: the verdict line and the sections below say what it was compared with.
      value: (r) => r.first ? `${clean(r.model.path, 300)}${STATUS_SUFFIX[r.model.status]}` : "",
      min: 16,
      shrink: 3
    },
    {
      header: "Target",
      value: (r) => r.target ? `${clean(r.target.target.deviceName, 80)} ${r.target.target.processor.toUpperCase()}` : "\u2014",
      min: 14,
      shrink: 2
    },
    { header: "Base mJ", align: "r", value: (r) => energy(r.target?.base) },
    { header: "Head mJ", align: "r", value: (r) => energy(r.target?.head) },
    {
      header: "\xB1",
      align: "r",
      value: (r) => {
        const e = r.target?.head ?? r.target?.base;
        return e ? formatRangePct(e.energyMj, e.energyRangeMj) : "";
      },
      optional: 4
    },
    {
      header: "\u0394 mJ",
      align: "r",
      value: (r) => r.target ? deltaCells(r.model, r.target)[0].replace(/ mJ$/, "") : r.model.error !== void 0 ? isUnpriced(r.model) ? "not priced" : "error" : r.model.status === "removed" ? "removed" : "no targets",
      optional: 2
    },
    {
      header: "\u0394 %",
      align: "r",
      value: (r) => r.target ? deltaCells(r.model, r.target)[1].replace(/^[▲▼] /, "") : ""
    },
    {
      header: "Grade",
      value: (r) => r.target ? gradeCell(r.model, r.target.base, r.target.head) : "",
      optional: 3
    },
    {
      header: "Per 1% batt.",
      align: "r",
      value: (r) => r.target ? batteryCell(r.model, r.target) : "",
      optional: 1
    },
    {
      header: "Budget",
      value: (r) => budgetWord(r).text,
      paint: (r, padded) => paintStatus(style, budgetWord(r).status, padded)
    }
  ];
}
function reasonLines(m) {
  const lines = [];
  if (m.error !== void 0)
    lines.push(`${m.budget}: ${isUnpriced(m) ? "" : "not analysed: "}${clean(m.error)}`);
  for (const t of m.targets) {
    if (t.budget.reasons.length === 0) continue;
    const where = `${targetText(t)}: ${t.budget.status}`;
    lines.push(`${where}: ${t.budget.reasons.map((r) => clean(reasonText(r), 300)).join("; ")}`);
  }
  return lines;
}

// src/report/document.ts
var COMMENT_KERNEL_ROWS = 5;
var COMMENT_NOTES = 20;
function reportBlocks(report, plan) {
  const setting = plan.setting ?? {};
  const { models } = plan;
  const blocks = [...verdictBlocks(report, setting, models)];
  if (plan.cutNotice !== void 0) blocks.push(paragraph(plan.cutNotice));
  blocks.push(...configNotice(report, setting));
  const comment = plan.audience === "comment";
  if (report.models.length === 0) {
    blocks.push(paragraph("No changed model matched the `models` globs."));
  } else if (isUnchangedOnly(report)) {
    blocks.push(...unchangedSection(report, models));
  } else {
    const matrixModels = comment ? plan.matrixModels ?? models : models;
    blocks.push(...comment ? summaryBlocks(report, models, matrixModels) : mainTableBlocks(models));
    const omitted = plan.omittedModels ?? [];
    if (omitted.length > 0) {
      blocks.push(paragraph(`*Not shown here: ${modelCounts(omitted)}.*`));
    }
    blocks.push(...statsSection(matrixModels));
    if (plan.kernelDetail) {
      blocks.push(
        ...kernelSection(
          models,
          plan.audience === "summary" ? "all" : "primary",
          comment ? COMMENT_KERNEL_ROWS : Number.POSITIVE_INFINITY
        ),
        ...chartSection(models),
        ...deviceSection(report, models)
      );
    }
  }
  blocks.push(
    ...provenanceSection(report),
    ...configSection(report, setting),
    ...notesSection(report, models, comment ? COMMENT_NOTES : Number.POSITIVE_INFINITY),
    ...footer(report, plan)
  );
  return blocks;
}

// src/report/markdown.ts
function renderCliReport(report, setting = {}) {
  const blocks = reportBlocks(report, {
    audience: "cli",
    models: rankModels(report.models),
    kernelDetail: true,
    setting
  });
  return `${blocksToString(blocks).trimEnd()}
`;
}

// src/cli/compare.ts
function registerCompare(program, run) {
  program.command("compare").description(
    "compare two models (OLD NEW), or the working tree against the merge base of --base REF and HEAD, with the same budgets and verdict as the action; exit 1 when a budget fails"
  ).argument("[files...]", "OLD.onnx NEW.onnx (omit with --base)").option(
    "--base <ref>",
    "compare changed models in this git checkout against the merge base of REF and HEAD"
  ).option(
    "--config <file>",
    "config file (budgets, noise floor, dims); a file given here must exist, without it the default path may be missing (default budgets then)",
    ".github/model-energy.yml"
  ).addOption(
    new Option(
      "--budgets-from <side>",
      "with --base: read budgets from the merge base (default) or the working tree"
    ).choices(["base", "head"]).default("base")
  ).addOption(sharedOption.device("device id(s), comma-separated, or all")).addOption(sharedOption.processor("cpu, gpu, cpu,gpu or all")).addOption(
    new Option("--fail-on <when>", "budget, regression or never (overrides the config)").choices([
      "budget",
      "regression",
      "never"
    ])
  ).addOption(
    sharedOption.dim(
      "value for a symbolic input dim of both versions (repeatable), e.g. H=224; over the config's dims"
    )
  ).addOption(sharedOption.predictors("extra predictor bundles")).addOption(
    new Option("--format <format>", "text (aligned, for terminals), markdown (the PR comment) or json").choices(["text", "markdown", "json"]).default("text")
  ).option("--json", "the same as --format json: the versioned JSON report").action(async (files, flags, command) => {
    if (flags.base ? files.length !== 0 : files.length !== 2) {
      throw new UsageError("give OLD.onnx NEW.onnx, or --base REF without files");
    }
    const explicitConfig = command.getOptionValueSource("config") !== "default";
    const parse = { knownDevices: knownDevices(flags.predictors) };
    const overrides = {
      ...flags.device ? { devices: flags.device } : {},
      ...flags.processor ? { processors: flags.processor } : {},
      ...flags.failOn ? { failOn: flags.failOn } : {}
    };
    const prepared = flags.base ? await fromGit(flags.base, flags, explicitConfig, parse, overrides) : await fromFiles(files[0], files[1], flags, explicitConfig, parse, overrides);
    const { config } = prepared;
    const configLabel = prepared.budgets.exists ? prepared.budgets.file : "the default config";
    const from = `from ${[
      .../* @__PURE__ */ new Set([flags.device ? "--device" : configLabel, flags.processor ? "--processor" : configLabel])
    ].join(" and ")}`;
    const { bundles, warnings } = energyBundles(
      selectRunBundles(
        {
          devices: config.devices,
          processors: config.processors,
          ...flags.predictors ? { extra: flags.predictors } : {},
          origin: flags.device ? "--device" : `${configLabel}: devices`,
          onWarning: (warning) => run.io.stderr(`warning: ${warning}
`)
        },
        from
      ),
      from
    );
    warnings.unshift(...prepared.warnings);
    const targets = await runTargets(bundles);
    const models = await compareChanges({
      ...prepared.comparison,
      targets,
      strict: !flags.base,
      ...flags.dim ? { dims: flags.dim } : {},
      onWarning: (warning) => warnings.push(warning)
    }).finally(() => prepared.close?.());
    const report = buildReport(models, targets, { version: VERSION, ...prepared.report, warnings });
    const format = flags.json ? "json" : flags.format;
    run.io.stdout(
      format === "json" ? `${JSON.stringify(report, null, 2)}
` : format === "markdown" ? renderCliReport(report, { budgets: prepared.budgets }) : renderCompareText(report, styleOf(run.io), { budgets: prepared.budgets })
    );
    if (report.verdict === "fail" && config.failOn !== "never") run.fail(EXIT_FAILURE);
  });
}
function energyBundles(bundles, from) {
  const energy2 = bundles.filter((b) => b.manifest.targets.includes("energy"));
  const latencyOnly = bundles.filter((b) => !b.manifest.targets.includes("energy"));
  if (energy2.length === 0) {
    throw new UsageError(
      `compare needs energy predictions, but the selected predictor bundles predict latency only: ${bundleList(bundles)} (${from})`
    );
  }
  const warnings = latencyOnly.length > 0 ? [`left out of the comparison, they predict latency only: ${bundleList(latencyOnly)}`] : [];
  return { bundles: energy2, warnings };
}
async function readModelFile(file, shown = file) {
  try {
    return await readFile4(file);
  } catch (error) {
    throw new ModelLoadError(shown, `cannot read the file (${messageOf(error)})`, { cause: error });
  }
}
async function loadConfig(file, explicit, parse) {
  const loaded = await loadConfigFile(file, parse);
  if (explicit && !loaded.exists) throw missingConfig(file);
  return loaded;
}
function missingConfig(file) {
  return new ConfigError(file, [{ field: "", problem: "no such config file (given with --config)" }]);
}
async function fromFiles(oldPath, newPath, flags, explicitConfig, parse, overrides) {
  const { config: fileConfig, exists } = await loadConfig(flags.config, explicitConfig, parse);
  const config = withOverrides(fileConfig, overrides);
  return {
    config,
    comparison: {
      changes: [
        { status: "modified", path: newPath, ...oldPath !== newPath ? { previousPath: oldPath } : {} }
      ],
      readBase: () => readModelFile(oldPath),
      readHead: () => readModelFile(newPath),
      config
    },
    report: { configChanges: [], budgetsFrom: "head", budgetsConfigured: config.budgets.length },
    budgets: { file: flags.config, exists },
    warnings: []
  };
}
async function fromGit(baseRef, flags, explicitConfig, parse, overrides) {
  const repo = await GitRepo.open(process.cwd()).catch((error) => {
    if (!(error instanceof GitError)) throw error;
    throw new UsageError(
      `--base ${baseRef}: ${process.cwd()} is not inside a git checkout; run it in one, or compare two files (model-energy compare OLD.onnx NEW.onnx)`
    );
  });
  const mb = await ensureMergeBase(repo, baseRef, "HEAD", {
    advice: `Fetch it first: git fetch origin ${baseRef.replace(/^origin\//, "")} (on a shallow clone: git fetch --unshallow origin).`
  });
  const head = await repo.resolveCommit("HEAD");
  if (explicitConfig && !existsSync2(flags.config)) throw missingConfig(flags.config);
  const configPath = explicitConfig ? relative(realpathSync(repo.root), realpathSync(flags.config)).split(sep2).join("/") : flags.config.replace(/^\.\//, "");
  if (configPath.startsWith("../") || isAbsolute(configPath))
    throw new UsageError(
      `--config ${flags.config}: with --base the config must be inside the checkout (${repo.root})`
    );
  const warnings = [];
  const plan = await planComparison({
    repo,
    mergeBase: mb.mergeBase,
    head: { kind: "working-tree", sha: head },
    configPath,
    budgetsFrom: flags.budgetsFrom,
    knownDevices: parse.knownDevices,
    overrides,
    onWarning: (warning) => warnings.push(warning)
  });
  return {
    config: plan.config,
    comparison: plan.comparison,
    report: { baseRef, baseSha: mb.base, ...plan.report },
    budgets: {
      file: configPath,
      exists: plan.budgetsFile.exists,
      at: plan.budgetsFile.side === "merge-base" ? "at the merge base" : "in the working tree"
    },
    warnings,
    close: () => repo.close()
  };
}
export {
  registerCompare
};
