#!/usr/bin/python3
"""Makes a face stress set from the labelled fixtures, at eval time, outside the repo.

usage: /usr/bin/python3 scripts/face-stress-set.py FIXTURES OUT

Issue 15's misses are dim rooms and faces cut by the frame's edge. The fixtures have few of
either, so this derives them from the labelled photos of FIXTURES/faces (and the face-free
ones of FIXTURES/no_faces, so that false alarms are measured on the same treatment):

- dark/NAME:  the photo as from a dim room: 255 * 0.3 * (v / 255) ** 1.5 per channel,
              face boxes unchanged (face-free photos too).
- top/NAME:   cut just below the hairline of the photo's largest face (its top 30 % out
              of frame): the forehead is outside, as in a close-up.
- side/NAME:  cut through the largest face from the side nearer the frame's edge, 40 % of
              its width outside.
In the cut photos every labelled box is cut to the frame and kept when at least half of it
is still in the picture (the count drops the others). OUT/labels.json has the same schema
as the fixtures' (faces, face_boxes). Nothing here is committed: OUT is a scratch folder.
Needs Debian's python3-opencv (the second face detector's package).
"""
import json
import os
import sys

import cv2
import numpy as np


def dim(img):
    return np.clip(255.0 * 0.3 * (img.astype(np.float32) / 255.0) ** 1.5, 0, 255).astype(np.uint8)


def cut_boxes(boxes, x0, y0, x1, y1):
    kept = []
    for bx, by, bw, bh in boxes:
        cx0, cy0 = max(bx, x0), max(by, y0)
        cx1, cy1 = min(bx + bw, x1), min(by + bh, y1)
        if cx1 <= cx0 or cy1 <= cy0:
            continue
        if (cx1 - cx0) * (cy1 - cy0) < 0.5 * bw * bh:
            continue
        kept.append([int(cx0 - x0), int(cy0 - y0), int(cx1 - cx0), int(cy1 - cy0)])
    return kept


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    src, out = sys.argv[1], sys.argv[2]
    labels = json.load(open(os.path.join(src, 'labels.json')))
    result = {}

    def write(name, img, boxes):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cv2.imwrite(path, img, [cv2.IMWRITE_JPEG_QUALITY, 92])
        result[name] = {'faces': len(boxes), **({'face_boxes': boxes} if boxes else {})}

    for name, label in sorted(labels.items()):
        folder = name.split('/')[0]
        boxes = label.get('face_boxes')
        if folder not in ('faces', 'no_faces') or label.get('label_file'):
            continue
        if folder == 'faces' and not boxes:
            continue
        img = cv2.imread(os.path.join(src, name), cv2.IMREAD_COLOR)
        if img is None:
            continue
        base = os.path.splitext(name.split('/', 1)[1])[0] + '.jpg'
        h, w = img.shape[:2]
        write(f'dark/{base}', dim(img), boxes or [])
        if not boxes:
            continue
        bx, by, bw, bh = max(boxes, key=lambda b: b[2] * b[3])
        top = int(by + 0.3 * bh)
        write(f'top/{base}', img[top:, :], cut_boxes(boxes, 0, top, w, h))
        if bx + bw / 2 < w / 2:
            left = int(bx + 0.4 * bw)
            write(f'side/{base}', img[:, left:], cut_boxes(boxes, left, 0, w, h))
        else:
            right = int(bx + 0.6 * bw)
            write(f'side/{base}', img[:, :right], cut_boxes(boxes, 0, 0, right, h))
    json.dump(result, open(os.path.join(out, 'labels.json'), 'w'), indent=1)
    print(f'{len(result)} pictures in {out}')


main()
