import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import descriptor from '../../src/onnx/onnx-proto.json' with { type: 'json' };
import { decodeMessage } from '../../src/onnx/wire.js';

// protobufjs is the reference: it encodes, the descriptor-driven decoder must read back the same values.
const root = protobuf.Root.fromJSON(descriptor);
const encode = (type: string, value: Record<string, unknown>): Uint8Array => {
  const t = root.lookupType(`onnx.${type}`);
  return t.encode(t.fromObject(value)).finish();
};

describe('the descriptor-driven ONNX protobuf decoder', () => {
  it('reads int64 values past 2^32 and below zero, and int32 values below zero', () => {
    const tensor = decodeMessage(
      'TensorProto',
      encode('TensorProto', {
        dims: [1, 2 ** 40, -3],
        int32Data: [-1, 2 ** 31 - 1, -(2 ** 31)],
        int64Data: ['-9007199254740991', '9007199254740991', '-1'],
        uint64Data: ['18446744073709551615'],
        dataType: 7,
      }),
    );
    expect(tensor['dims']).toEqual([1, 2 ** 40, -3]);
    expect(tensor['int32Data']).toEqual([-1, 2 ** 31 - 1, -(2 ** 31)]);
    expect(tensor['int64Data']).toEqual([-9007199254740991, 9007199254740991, -1]);
    expect(tensor['uint64Data']).toEqual([2 ** 64]);
    expect(tensor['dataType']).toBe(7);
  });

  it('reads repeated scalars packed and unpacked, floats, doubles, strings and bytes', () => {
    const packed = encode('TensorProto', { floatData: [1.5, -2.25], doubleData: [0.1], name: 'w€' });
    const unpackedDims = Uint8Array.from([0x08, 0x02, 0x08, 0x03]); // field 1 (dims) twice, unpacked
    const tensor = decodeMessage('TensorProto', Buffer.concat([packed, unpackedDims]));
    expect(tensor['floatData']).toEqual([1.5, -2.25]);
    expect(tensor['doubleData']).toEqual([0.1]);
    expect(tensor['name']).toBe('w€');
    expect(tensor['dims']).toEqual([2, 3]);
    const attribute = decodeMessage(
      'AttributeProto',
      encode('AttributeProto', { name: 'x', s: [0, 255, 7] }),
    );
    expect([...(attribute['s'] as Uint8Array)]).toEqual([0, 255, 7]);
  });

  it('reads nested messages by their scoped names, and an absent enum as its first value', () => {
    const info = decodeMessage(
      'ValueInfoProto',
      encode('ValueInfoProto', {
        name: 'input',
        type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }] } } },
      }),
    );
    expect(info).toEqual({
      name: 'input',
      type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }] } } },
    });
    expect(decodeMessage('AttributeProto', encode('AttributeProto', { name: 'axis', i: 1 }))).toEqual({
      name: 'axis',
      i: 1,
      type: 0,
    });
  });

  it('skips fields it does not know and refuses truncated bytes', () => {
    const unknown = Uint8Array.from([0xf8, 0x3f, 0x05, 0x1a, 0x01, 0x61]); // field 1023 varint, then name 'a'
    expect(decodeMessage('NodeProto', unknown)).toEqual({ name: 'a' });
    const node = encode('NodeProto', { name: 'conv', opType: 'Conv', input: ['x', 'w'] });
    expect(() => decodeMessage('NodeProto', node.subarray(0, node.length - 1))).toThrow(/past the end/);
  });
});
