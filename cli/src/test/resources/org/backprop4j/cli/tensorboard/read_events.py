"""Decodes a TensorBoard event file with Python's protobuf against the schema backprop4j writes.

usage: read_events.py DESCRIPTOR_SET EVENT_FILE
DESCRIPTOR_SET is a serialized google.protobuf.FileDescriptorSet of backprop4j/tensorboard.proto and its imports.
Prints one JSON object: {"file_version": ..., "scalars": {tag: [[step, value], ...]},
"histograms": {tag: [[step, num, sum_of_buckets], ...]}, "images": {tag: [[step, width, height, png_bytes], ...]}}.
The TFRecord framing is read here from its definition (uint64 length, uint32 crc, data, uint32 crc).
"""
import json
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def event_class(descriptor_set_path):
    fds = descriptor_pb2.FileDescriptorSet()
    with open(descriptor_set_path, "rb") as f:
        fds.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in fds.file:
        pool.Add(file_proto)
    descriptor = pool.FindMessageTypeByName("backprop4j.tensorboard.Event")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        (length,) = struct.unpack_from("<Q", data, pos)
        pos += 12
        yield data[pos:pos + length]
        pos += length + 4


def main():
    Event = event_class(sys.argv[1])
    out = {"file_version": None, "scalars": {}, "histograms": {}, "images": {}}
    for raw in records(sys.argv[2]):
        event = Event()
        event.ParseFromString(raw)
        if event.WhichOneof("what") == "file_version":
            out["file_version"] = event.file_version
            continue
        for value in event.summary.value:
            kind = value.WhichOneof("value")
            if kind == "simple_value":
                out["scalars"].setdefault(value.tag, []).append([event.step, value.simple_value])
            elif kind == "histo":
                out["histograms"].setdefault(value.tag, []).append(
                    [event.step, value.histo.num, sum(value.histo.bucket)])
            elif kind == "image":
                out["images"].setdefault(value.tag, []).append(
                    [event.step, value.image.width, value.image.height, len(value.image.encoded_image_string)])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
