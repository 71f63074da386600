package org.ssal.learning.head;

/** The classes that have at least one label, in increasing class index. */
final class SeenClasses {
    final int[] classes;      // seen class indices, ascending
    final int[] denseIndex;   // class index -> position in classes, or -1 when unseen

    SeenClasses(int[] y, int numClasses) {
        boolean[] seen = new boolean[numClasses];
        for (int label : y) {
            seen[label] = true;
        }
        denseIndex = new int[numClasses];
        int count = 0;
        for (int c = 0; c < numClasses; c++) {
            denseIndex[c] = seen[c] ? count++ : -1;
        }
        classes = new int[count];
        for (int c = 0; c < numClasses; c++) {
            if (seen[c]) {
                classes[denseIndex[c]] = c;
            }
        }
    }

    int count() {
        return classes.length;
    }
}
