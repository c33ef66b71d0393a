"""Calls the CccdRecon server from Python with Debian's python3-grpcio, without generated code.

Messages are encoded and decoded by hand from the field numbers in protos/cccdrecon/v1, which is the
point: a client that shares nothing with the .NET code. Prints one JSON object for the test to check.
Usage: interop_client.py ADDRESS RECORD_JSON TOKEN (a bearer token with the role recon.upstream)
"""
import json
import sys

import grpc


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, payload):
    """A length-delimited field (wire type 2): strings and sub-messages."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return varint((number << 3) | 2) + varint(len(payload)) + payload


def parse(data):
    """Decodes one message level into {field_number: [values]} (bytes for wire type 2, int for varints)."""
    fields, i = {}, 0
    while i < len(data):
        key, i = read_varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = read_varint(data, i)
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 2:
            length, i = read_varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        fields.setdefault(number, []).append(value)
    return fields


def read_varint(data, i):
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def identity(b):
    return b


def main():
    address, form, token = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    auth = [("authorization", "Bearer " + token)]
    out = {}
    with grpc.insecure_channel(address) as channel:
        health = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=identity, response_deserializer=identity)
        out["health"] = parse(health(b"", timeout=10)).get(1, [0])[0]  # 1 = SERVING

        reconcile = channel.unary_unary("/cccdrecon.v1.ReconciliationService/Reconcile", request_serializer=identity, response_deserializer=identity)
        # SurveyForm: form_id=1, personal_id=2, full_name=3, date_of_birth=4, gender=5.
        survey = b"".join(field(n, form[k]) for n, k in [(1, "form_id"), (2, "personal_id"), (3, "full_name"), (4, "date_of_birth"), (5, "gender")])
        try:
            reconcile(field(1, survey), timeout=10)
            out["anonymous"] = "OK"
        except grpc.RpcError as error:
            out["anonymous"] = error.code().name
        reply = parse(reconcile(field(1, survey), timeout=10, metadata=auth))
        result = parse(reply[1][0])
        out["form_id"] = result.get(1, [b""])[0].decode("utf-8")
        out["status"] = result.get(2, [0])[0]
        out["record_id"] = result.get(3, [b""])[0].decode("utf-8")

        try:
            reconcile(field(1, field(3, form["full_name"])), timeout=10, metadata=auth)
            out["invalid"] = "OK"
        except grpc.RpcError as error:
            out["invalid"] = error.code().name
            out["invalid_message"] = error.details()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
