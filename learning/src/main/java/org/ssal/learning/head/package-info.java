/**
 * Classifier heads trained on frozen embeddings: {@link org.ssal.learning.head.SoftmaxHead}
 * (multinomial logistic regression) and {@link org.ssal.learning.head.LinearSvmHead} (one-vs-rest
 * linear SVM), created by name through {@link org.ssal.learning.head.Heads}.
 */
package org.ssal.learning.head;
