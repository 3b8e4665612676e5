#!/usr/bin/env python3
"""The eval's second face reader: OpenCV's Haar cascades (Debian: python3-opencv, opencv-data),
independent of the extension's MediaPipe BlazeFace. For the eval only, never shipped.

usage: face-reader.py --check | FILE...
Prints one JSON line per file: {"file", "width", "height", "boxes": [[x, y, w, h, cascade], ...]}
or {"file", "error"}. Boxes are in display (EXIF-oriented) pixels, like labels.json.
--check prints {"ok": true, "opencv": VERSION, "cascades": [...]} or exits 3 with {"ok": false, "error"}.
"""
import json
import os
import sys

CASCADE_DIRS = [
    os.environ.get('UG_HAAR_DIR', ''),
    '/usr/share/opencv4/haarcascades',
    '/usr/share/opencv/haarcascades',
]
# Frontal faces, and faces turned to either side (the profile cascade is trained on one side,
# so it also runs on the mirrored picture).
CASCADES = {'frontal': 'haarcascade_frontalface_default.xml', 'profile': 'haarcascade_profileface.xml'}
SCALE_FACTOR = 1.1
MIN_NEIGHBORS = 5
MIN_SIZE = 20


def find_cascade(name):
    for d in CASCADE_DIRS:
        if d and os.path.isfile(os.path.join(d, name)):
            return os.path.join(d, name)
    return None


def load():
    try:
        import cv2  # noqa: F401
    except ImportError as e:
        return None, None, f'OpenCV for Python is not installed ({e}; apt-get install python3-opencv opencv-data)'
    import cv2
    cascades = {}
    for kind, name in CASCADES.items():
        path = find_cascade(name)
        if not path:
            return None, None, f'{name} not found (apt-get install opencv-data)'
        c = cv2.CascadeClassifier(path)
        if c.empty():
            return None, None, f'{path} could not be loaded'
        cascades[kind] = (c, path)
    return cv2, cascades, None


def iou(a, b):
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = max(0, min(ax2, bx2) - max(a[0], b[0]))
    ih = max(0, min(ay2, by2) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def centre_inside(a, b):
    cx, cy = a[0] + a[2] / 2, a[1] + a[3] / 2
    return b[0] <= cx <= b[0] + b[2] and b[1] <= cy <= b[1] + b[3]


def detect(cv2, cascades, path):
    img = cv2.imread(path, cv2.IMREAD_COLOR)  # applies the EXIF orientation
    if img is None:
        return {'file': path, 'error': 'OpenCV cannot decode this file'}
    h, w = img.shape[:2]
    gray = cv2.equalizeHist(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
    found = []

    def run(kind, picture, mirrored):
        c = cascades[kind][0]
        for (x, y, bw, bh) in c.detectMultiScale(picture, scaleFactor=SCALE_FACTOR, minNeighbors=MIN_NEIGHBORS, minSize=(MIN_SIZE, MIN_SIZE)):
            x = int(w - x - bw) if mirrored else int(x)
            found.append([x, int(y), int(bw), int(bh), kind])

    run('frontal', gray, False)
    run('profile', gray, False)
    run('profile', cv2.flip(gray, 1), True)
    # One box per face: a later box overlapping a kept one (IoU >= 0.3, or either centre
    # inside the other) is the same face seen by another cascade or side.
    kept = []
    for b in found:
        if not any(iou(b, k) >= 0.3 or centre_inside(b, k) or centre_inside(k, b) for k in kept):
            kept.append(b)
    return {'file': path, 'width': w, 'height': h, 'boxes': kept}


def main(argv):
    cv2, cascades, error = load()
    if argv[:1] == ['--check']:
        if error:
            print(json.dumps({'ok': False, 'error': error}))
            return 3
        cv2.setNumThreads(1)
        print(json.dumps({'ok': True, 'opencv': cv2.__version__, 'cascades': [p for (_, p) in cascades.values()],
                          'params': {'scaleFactor': SCALE_FACTOR, 'minNeighbors': MIN_NEIGHBORS, 'minSize': MIN_SIZE}}))
        return 0
    if error:
        print(json.dumps({'ok': False, 'error': error}))
        return 3
    cv2.setNumThreads(1)
    for path in argv:
        try:
            line = detect(cv2, cascades, path)
        except Exception as e:  # one bad file must not end the run
            line = {'file': path, 'error': str(e)}
        print(json.dumps(line), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
