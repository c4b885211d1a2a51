/** Device discovery through plug-ins and the placement of workers on devices and cores. */
package io.batchscore.core.device;
